// `npm start`: build, then launch the desktop app; where the Electron binary is missing, say what to do instead.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  console.error(`Briefdesk cannot start the desktop app: the Electron binary is not installed.

  It is missing when npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or when the download host was unreachable.
  To install it, on a machine that can reach the Electron release host:
      rm -rf node_modules/electron && npm install
  To run the same app now, in your browser:
      npm run start:browser -- --workspace <folder>
`);
  process.exit(1);
}
const build = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
