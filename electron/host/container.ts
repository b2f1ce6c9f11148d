import type { AppInfo } from '../../shared/contract/app';
import { AppError } from '../../shared/contract/define';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventHub } from './events';
import type { SaveFs } from './platform/atomicWrite';
import { ConfinedFolder } from './platform/confinedFolder';
import type { FolderWatcher } from './platform/folderWatcher';
import { withTimeout } from './platform/timeout';
import { BriefsService, briefIdFromFileName } from './services/briefs/briefsService';
import { FolderTrash, type Trash } from './services/briefs/trash';
import { FactsService } from './services/facts/factsService';
import { SourcesService } from './services/sources/sourcesService';
import { SettingsService, type KeyValueStore } from './services/settings/settingsService';
import { seedWorkspace } from './services/workspace/seed';
import { Workspace } from './services/workspace/workspace';

export interface ContainerOptions {
  mode: AppInfo['mode'];
  version: string;
  /** From `--workspace` or BRIEFDESK_WORKSPACE; wins over the remembered workspace. */
  workspacePath?: string | undefined;
  defaultWorkspacePath: string;
  /** The bundled resources (sample source, facts, sample brief) a new workspace is seeded from. */
  resourcesPath: string;
  settingsStore: KeyValueStore;
  settingsNotice?: string | undefined;
  /** The desktop app passes the OS trash; the Node host keeps deleted briefs in `.briefdesk/trash`. */
  createTrash?: (workspace: Workspace) => Trash;
  /** Called when the renderer has flushed its edits before its window closes (desktop app). */
  onReadyToClose?: () => void;
  /** The desktop app's native folder dialog: the folder the analyst picked, or undefined when they cancelled. */
  chooseWorkspaceFolder?: () => Promise<string | undefined>;
  /** The fs seam for saves, for fault-injection tests. */
  saveFs?: SaveFs;
}

const WORKSPACE_OPEN_TIMEOUT_MS = 10_000;

/** One open workspace: its folder, its services and its watcher. Switching workspace closes one and opens another. */
class WorkspaceSession {
  private constructor(
    readonly workspace: Workspace,
    readonly briefs: BriefsService,
    readonly sources: SourcesService,
    readonly facts: FactsService,
    private readonly watcher: FolderWatcher,
  ) {}

  static async open(path: string, create: boolean, options: ContainerOptions, events: EventHub, settings: SettingsService): Promise<WorkspaceSession> {
    const workspace = await Workspace.open(path, { create, saveFs: options.saveFs });
    const resources = await ConfinedFolder.open(options.resourcesPath, { what: 'The bundled resources' });
    await seedWorkspace(workspace, resources);
    const trash = options.createTrash?.(workspace) ?? new FolderTrash(workspace.files);
    const briefs = new BriefsService(workspace, events, trash, {
      author: () => settings.get().settings.authorName,
      classification: () => settings.get().settings.defaultClassification,
    });
    await briefs.boot();
    const watcher = workspace.files.watch(
      'briefs',
      (name) => briefIdFromFileName(name) !== undefined,
      (name, kind) => void briefs.noticeFileEvent(briefIdFromFileName(name)!, kind),
    );
    await watcher.start();
    const sources = new SourcesService(workspace);
    const facts = new FactsService(workspace, events, briefs, sources, resources);
    return new WorkspaceSession(workspace, briefs, sources, facts, watcher);
  }

  close(): Promise<void> {
    return this.watcher.stop();
  }
}

export interface Container {
  readonly events: EventHub;
  readonly dispatcher: Dispatcher;
  readonly settings: SettingsService;
  workspace(): Workspace;
  openWorkspace(path: string): Promise<string>;
  shutdown(): Promise<void>;
}

/** The composition root: plain constructors, booted in order, shut down in reverse. */
export async function createContainer(options: ContainerOptions): Promise<Container> {
  const events = new EventHub();
  const settings = new SettingsService(options.settingsStore, options.settingsNotice);
  const startPath = options.workspacePath ?? settings.get().settings.workspacePath ?? options.defaultWorkspacePath;
  let session = await WorkspaceSession.open(startPath, true, options, events, settings);
  const briefs = () => session.briefs;

  /** A folder the analyst chose while running: it must exist, and must answer within the time limit. */
  async function openWorkspace(path: string): Promise<string> {
    const next = await withTimeout(
      WorkspaceSession.open(path, false, options, events, settings),
      WORKSPACE_OPEN_TIMEOUT_MS,
      `The folder ${path} did not answer within ${WORKSPACE_OPEN_TIMEOUT_MS / 1000} seconds, so it was not opened. Choose a folder on a local disk.`,
      (late) => void late.close(),
    );
    const previous = session;
    session = next;
    await previous.close();
    settings.update({ workspacePath: next.workspace.root });
    events.publish('workspace.changed', { path: next.workspace.root });
    return next.workspace.root;
  }

  function workspaceInfo(): { path: string; readOnly?: string } {
    const { root, readOnly } = session.workspace;
    return readOnly ? { path: root, readOnly } : { path: root };
  }

  const dispatcher = createDispatcher({
    app: {
      info: async () => ({ version: options.version, mode: options.mode, workspacePath: session.workspace.root }),
      readyToClose: async () => {
        options.onReadyToClose?.();
        return null;
      },
    },
    briefs: {
      list: () => briefs().list(),
      create: (arg) => briefs().create(arg),
      open: (arg) => briefs().open(arg),
      save: (arg) => briefs().save(arg),
      rename: (arg) => briefs().rename(arg),
      duplicate: (arg) => briefs().duplicate(arg),
      delete: (arg) => briefs().delete(arg),
      listTrash: () => briefs().listTrash(),
      restore: (arg) => briefs().restore(arg),
      backup: (arg) => briefs().backup(arg),
      readBackup: (arg) => briefs().readBackup(arg),
      discardBackup: (arg) => briefs().discardBackup(arg),
      readRaw: (arg) => briefs().readRaw(arg),
    },
    history: {
      list: (arg) => briefs().historyList(arg),
      read: (arg) => briefs().historyRead(arg),
      restore: (arg) => briefs().historyRestore(arg),
      recoverAsNew: (arg) => briefs().recoverAsNew(arg),
    },
    facts: {
      catalogues: () => session.facts.catalogues(),
      list: (arg) => session.facts.list(arg),
      get: (arg) => session.facts.get(arg),
      create: (arg) => session.facts.create(arg),
      update: (arg) => session.facts.update(arg),
      delete: (arg) => session.facts.delete(arg),
      addAlias: (arg) => session.facts.addAlias(arg),
      removeAlias: (arg) => session.facts.removeAlias(arg),
      merge: (arg) => session.facts.merge(arg),
      references: (arg) => session.facts.references(arg),
      reset: (arg) => session.facts.reset(arg),
    },
    sources: {
      list: () => session.sources.list(),
      get: (arg) => session.sources.get(arg),
    },
    settings: {
      get: async () => settings.get(),
      update: async (patch) => settings.update(patch),
      dismissNotice: async () => {
        settings.dismissNotice();
        return null;
      },
    },
    workspace: {
      info: async () => workspaceInfo(),
      open: async ({ path }) => {
        await openWorkspace(path);
        return workspaceInfo();
      },
      choose: async () => {
        if (!options.chooseWorkspaceFolder) throw new AppError('refused', 'Type the folder to open: this window cannot show the system folder dialog.');
        const chosen = await options.chooseWorkspaceFolder();
        if (!chosen) return null;
        await openWorkspace(chosen);
        return workspaceInfo();
      },
    },
  });

  return {
    events,
    dispatcher,
    settings,
    workspace: () => session.workspace,
    openWorkspace,
    shutdown: () => session.close(),
  };
}
