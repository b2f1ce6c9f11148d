import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveInside } from '../../platform/paths';

export const WORKSPACE_FOLDERS = ['briefs', 'sources', 'facts', 'annotations', '.briefdesk'] as const;
export type WorkspaceFolder = (typeof WORKSPACE_FOLDERS)[number];

/** The analyst's workspace folder: the one place that turns names into paths, all confined to the folder. */
export class Workspace {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async boot(): Promise<void> {
    for (const folder of WORKSPACE_FOLDERS) await mkdir(join(this.root, folder), { recursive: true });
  }

  folder(folder: WorkspaceFolder): string {
    return join(this.root, folder);
  }

  file(folder: WorkspaceFolder, name: string): string {
    return resolveInside(this.folder(folder), name);
  }
}

/** `--workspace DIR` (or `--workspace=DIR`) wins over BRIEFDESK_WORKSPACE, which wins over the default. */
export function resolveWorkspacePath(argv: readonly string[], env: NodeJS.ProcessEnv, defaultPath: string): string {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--workspace' && argv[index + 1]) return resolve(argv[index + 1]!);
    if (arg.startsWith('--workspace=')) return resolve(arg.slice('--workspace='.length));
  }
  if (env.BRIEFDESK_WORKSPACE) return resolve(env.BRIEFDESK_WORKSPACE);
  return defaultPath;
}

export function defaultWorkspacePath(documentsFolder: string = join(homedir(), 'Documents')): string {
  return join(documentsFolder, 'Briefdesk');
}
