import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveInside } from '../../platform/paths';

export const WORKSPACE_FOLDERS = ['briefs', 'sources', 'facts', 'annotations', '.briefdesk'] as const;
export type WorkspaceFolder = (typeof WORKSPACE_FOLDERS)[number];

/** The analyst's workspace folder: the one place that turns names into paths, all confined to the folder. */
export class Workspace {
  readonly root: string;
  /** Why the folder cannot be written, when it cannot: the workspace then opens for reading only. */
  readOnly: string | undefined;

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

/** The value of `--name DIR` or `--name=DIR` on a command line, resolved to an absolute path. */
export function pathFlag(argv: readonly string[], name: string): string | undefined {
  for (const [index, arg] of argv.entries()) {
    if (arg === `--${name}` && argv[index + 1]) return resolve(argv[index + 1]!);
    if (arg.startsWith(`--${name}=`)) return resolve(arg.slice(name.length + 3));
  }
  return undefined;
}

/** `--workspace DIR` wins over BRIEFDESK_WORKSPACE; with neither, the remembered or default workspace is used. */
export function explicitWorkspacePath(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  return pathFlag(argv, 'workspace') ?? (env.BRIEFDESK_WORKSPACE ? resolve(env.BRIEFDESK_WORKSPACE) : undefined);
}

export function defaultWorkspacePath(documentsFolder: string = join(homedir(), 'Documents')): string {
  return join(documentsFolder, 'Briefdesk');
}
