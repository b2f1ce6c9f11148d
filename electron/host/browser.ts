import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { createContainer } from './container';
import { packageInfo } from './packageInfo';
import { ChromiumPrinter } from './platform/chromiumPrinter';
import { startHttpHost } from './server';
import { setAsideDamagedSettings, type KeyValueStore } from './services/settings/settingsService';
import { defaultWorkspacePath, explicitWorkspacePath, pathFlag } from './services/workspace/workspace';

const SETTINGS_NAME = 'preferences';

/** `npm run start:browser`: the app's services behind a loopback HTTP bridge, serving the built renderer. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const portFlag = argv.find((a) => a.startsWith('--port='));
  const { repoRoot, version } = await packageInfo();
  const configDir =
    pathFlag(argv, 'config') ?? (process.env.BRIEFDESK_CONFIG_DIR ? resolve(process.env.BRIEFDESK_CONFIG_DIR) : join(homedir(), '.config', 'briefdesk'));
  const settingsNotice = await setAsideDamagedSettings(join(configDir, `${SETTINGS_NAME}.json`));
  const settingsStore = new Conf<Record<string, unknown>>({ cwd: configDir, configName: SETTINGS_NAME, projectName: 'briefdesk' }) as KeyValueStore;
  const container = await createContainer({
    mode: 'browser',
    version,
    workspacePath: explicitWorkspacePath(argv, process.env),
    defaultWorkspacePath: defaultWorkspacePath(),
    resourcesPath: join(repoRoot, 'resources'),
    settingsStore,
    settingsNotice,
    printer: new ChromiumPrinter(),
  });
  const host = await startHttpHost({
    container,
    staticRoot: join(repoRoot, 'out', 'renderer'),
    port: portFlag ? Number(portFlag.slice('--port='.length)) : 0,
  });
  console.log(`Briefdesk is running in browser mode.`);
  console.log(`Workspace: ${container.workspace().root}`);
  console.log(`Preferences: ${settingsStore.path}`);
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
