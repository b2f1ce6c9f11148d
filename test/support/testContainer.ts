import { join } from 'node:path';
import Conf from 'conf';
import { createContainer, type Container, type ContainerOptions } from '../../electron/host/container';
import { ChromiumPrinter } from '../../electron/host/platform/chromiumPrinter';
import type { KeyValueStore } from '../../electron/host/services/settings/settingsService';
import { tempDir } from './tempWorkspace';

export const repoRoot = join(import.meta.dirname, '..', '..');

/** A real container on a temp workspace, with preferences in a temp `conf` folder; `dispose` removes both. */
export async function testContainer(overrides: Partial<ContainerOptions> = {}): Promise<{
  container: Container;
  workspacePath: string;
  configDir: string;
  dispose: () => Promise<void>;
}> {
  const workspace = await tempDir('briefdesk-ws-');
  const config = await tempDir('briefdesk-config-');
  const settingsStore = new Conf<Record<string, unknown>>({ cwd: config.path, configName: 'preferences', projectName: 'briefdesk' }) as KeyValueStore;
  const container = await createContainer({
    mode: 'browser',
    version: '0.0.0-test',
    workspacePath: workspace.path,
    defaultWorkspacePath: workspace.path,
    resourcesPath: join(repoRoot, 'resources'),
    settingsStore,
    // Starts Chromium only when a test prints a PDF.
    printer: new ChromiumPrinter(),
    ...overrides,
  });
  return {
    container,
    workspacePath: workspace.path,
    configDir: config.path,
    dispose: async () => {
      await container.shutdown();
      await workspace.dispose();
      await config.dispose();
    },
  };
}
