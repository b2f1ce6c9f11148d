import { randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join, parse, posix, resolve, sep } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import type { SaveFs } from '../../platform/atomicWrite';
import { ConfinedFolder } from '../../platform/confinedFolder';
import { errnoWords } from '../../platform/ioErrors';

export const WORKSPACE_FOLDERS = ['briefs', 'sources', 'facts', 'annotations', '.briefdesk'] as const;
export type WorkspaceFolder = (typeof WORKSPACE_FOLDERS)[number];

/** Folders of the operating system itself: never a workspace, even when the host runs as root. */
const SYSTEM_FOLDERS = ['/etc', '/proc', '/sys', '/dev', '/boot', '/bin', '/sbin', '/lib', '/lib64', '/usr', '/var', '/run', '/root', '/opt', '/srv', '/snap', '/home', '/Users', '/mnt', '/media', '/System', '/Library', '/private', '/Applications'];
/** Folders whose whole tree is the kernel's (files there never end, or block when read). */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'];
const WINDOWS_SYSTEM = /^[a-z]:\\(windows|program files|program files \(x86\)|programdata)(\\|$)/i;

/** Why `path` (absolute) cannot be a workspace, or undefined: a drive's root, a system folder, or inside /proc, /sys, /dev. */
export function systemFolderProblem(path: string): string | undefined {
  const absolute = resolve(path);
  if (parse(absolute).root === absolute) return `${absolute} is the root of a drive, not a folder for briefs.`;
  const posixPath = absolute.split(sep).join('/');
  if (SYSTEM_TREES.some((tree) => posixPath === tree || posixPath.startsWith(`${tree}/`)) || SYSTEM_FOLDERS.includes(posixPath) || WINDOWS_SYSTEM.test(absolute)) {
    return `${absolute} is a folder of the operating system, not a folder for briefs.`;
  }
  return undefined;
}

export interface OpenWorkspaceOptions {
  /** Make the folder when it does not exist (the default workspace, `--workspace`); a folder chosen while running must exist. */
  create: boolean;
  /** The fs seam for saves, for fault-injection tests. */
  saveFs?: SaveFs | undefined;
}

/**
 * The analyst's workspace folder: its files reached only through one ConfinedFolder, and the one place that turns
 * names into paths inside it. A folder that cannot be written opens read-only, with the reason.
 */
export class Workspace {
  private constructor(readonly files: ConfinedFolder) {}

  get root(): string {
    return this.files.root;
  }

  /** Why the workspace is open for reading only, when it is. */
  get readOnly(): string | undefined {
    return this.files.readOnly;
  }

  static async open(path: string, options: OpenWorkspaceOptions): Promise<Workspace> {
    const given = systemFolderProblem(path);
    if (given) throw new AppError('refused', given);
    const files = await ConfinedFolder.open(path, { create: options.create, saveFs: options.saveFs, what: `The workspace folder ${resolve(path)}` });
    const real = systemFolderProblem(files.root);
    if (real) throw new AppError('refused', real);
    const problem = await Workspace.prepare(files);
    if (problem) files.refuseWrites(`${problem} The workspace is open for reading only.`);
    return new Workspace(files);
  }

  /**
   * Makes the workspace's folders and proves the folder can be written; why it cannot, if it cannot. A workspace
   * folder that is a symlink makes the whole workspace read-only: nothing is ever written through it.
   */
  private static async prepare(files: ConfinedFolder): Promise<string | undefined> {
    try {
      for (const folder of WORKSPACE_FOLDERS) await files.mkdir(folder);
      const probe = `.briefdesk/.write-check-${randomBytes(6).toString('hex')}`;
      if (await files.createExclusive(probe, '')) await files.remove(probe, 'The write check');
      return undefined;
    } catch (error) {
      if (error instanceof AppError) return error.message;
      return `Briefdesk cannot write to this workspace: ${errnoWords(error) ?? 'it cannot be written'}.`;
    }
  }

  /** The relative path of `name` in one of the workspace's folders; a name that climbs out is refused. */
  file(folder: WorkspaceFolder, name: string): string {
    const path = posix.join(folder, name);
    this.files.path(path);
    if (!path.startsWith(`${folder}/`)) throw new AppError('refused', `The path ${name} lies outside the ${folder} folder.`);
    return path;
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
