import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContainer } from './container';
import { startHttpHost } from './server';
import { defaultWorkspacePath, resolveWorkspacePath } from './services/workspace/workspace';

/** `npm run start:browser`: the app's services behind a loopback HTTP bridge, serving the built renderer. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portFlag = argv.find((a) => a.startsWith('--port='));
  const here = import.meta.dirname;
  const { version } = JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const workspacePath = resolveWorkspacePath(argv, process.env, defaultWorkspacePath());
  const container = await createContainer({ workspacePath, mode: 'browser', version });
  const host = await startHttpHost({
    container,
    staticRoot: join(here, '..', 'renderer'),
    port: portFlag ? Number(portFlag.slice('--port='.length)) : 0,
  });
  console.log(`Briefdesk is running in browser mode.`);
  console.log(`Workspace: ${container.workspace.root}`);
  console.log(`Open: ${host.url}`);
  const stop = async (): Promise<void> => {
    await host.close();
    await container.shutdown();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Briefdesk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
