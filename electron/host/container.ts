import type { AppInfo } from '../../shared/contract/app';
import type { MenuEntry } from '../../shared/commands/registry';
import { AppError } from '../../shared/contract/define';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventHub } from './events';
import { bootInOrder, type ContractGroup, type HostService, type Lifecycle } from './lifecycle';
import type { SaveFs } from './platform/atomicWrite';
import { ConfinedFolder } from './platform/confinedFolder';
import { withTimeout } from './platform/timeout';
import { AnnotationsService } from './services/annotations/annotationsService';
import { BriefsService, briefIdFromFileName, historyGroup } from './services/briefs/briefsService';
import { FolderTrash, type Trash } from './services/briefs/trash';
import { ExportService, type ExportDesktop } from './services/export/exportService';
import { createExporters } from './services/export/exporters';
import type { PdfPrinter } from './services/export/printer';
import { FactsService } from './services/facts/factsService';
import { JobRunner } from './services/jobs/jobRunner';
import { ImportService } from './services/sources/importService';
import { SourcesService } from './services/sources/sourcesService';
import { SettingsService, settingsGroup, type KeyValueStore } from './services/settings/settingsService';
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
  /**
   * For command-line tools: no file watcher, no seeding, and the workspace folder must exist already (a mistyped path
   * is refused, never created).
   */
  headless?: boolean;
  /** The desktop app passes the OS trash; the Node host keeps deleted briefs in `.briefdesk/trash`. */
  createTrash?: (workspace: Workspace) => Trash;
  /** Called when the renderer has flushed its edits before its window closes (desktop app). */
  onReadyToClose?: () => void;
  /** The desktop app rebuilds its native menu from the renderer's command registry. */
  onMenu?: (entries: readonly MenuEntry[]) => void;
  /** The desktop app's native file dialog for *Import source…*: the file picked, or undefined when cancelled. */
  chooseImportFile?: () => Promise<string | undefined>;
  /** The desktop app's native folder dialog: the folder the analyst picked, or undefined when they cancelled. */
  chooseWorkspaceFolder?: () => Promise<string | undefined>;
  /**
   * Prints PDFs: the desktop app's hidden window, the Node host's playwright-core and Debian Chromium. Passed in, so
   * the desktop app never loads playwright-core.
   */
  printer: PdfPrinter;
  /** The desktop app's save dialog and file opener for exports; without them, exports wait to be downloaded. */
  exportDesktop?: ExportDesktop;
  /** The fs seam for saves, for fault-injection tests. */
  saveFs?: SaveFs;
  /** Where faults and shutdown problems are written in full; a seam for tests. */
  log?: (message: string, error: unknown) => void;
}

const WORKSPACE_OPEN_TIMEOUT_MS = 10_000;

/** Watches `briefs/` for changes made outside the app; its shutdown also waits for the events it is still reading. */
function briefWatcher(workspace: Workspace, briefs: BriefsService): Lifecycle {
  const reading = new Set<Promise<void>>();
  const watcher = workspace.files.watch(
    'briefs',
    (name) => briefIdFromFileName(name) !== undefined,
    (name, kind) => {
      const notice = briefs.noticeFileEvent(briefIdFromFileName(name)!, kind);
      reading.add(notice);
      void notice.finally(() => reading.delete(notice));
    },
  );
  return {
    name: 'watcher of the briefs folder',
    boot: () => watcher.start(),
    async shutdown() {
      await watcher.stop();
      await Promise.allSettled([...reading]);
    },
  };
}

/** One open workspace: its folder and its services, booted in order. Switching workspace closes one and opens another. */
class WorkspaceSession {
  private constructor(
    readonly workspace: Workspace,
    readonly briefs: BriefsService,
    readonly history: ContractGroup<'history'>,
    readonly sources: SourcesService,
    readonly imports: ImportService,
    readonly facts: FactsService,
    readonly annotations: AnnotationsService,
    readonly close: () => Promise<void>,
  ) {}

  /** `create` makes the folder when it does not exist: the start workspace of the app, never one chosen while running. */
  static async open(path: string, create: boolean, options: ContainerOptions, events: EventHub, settings: SettingsService, jobs: JobRunner): Promise<WorkspaceSession> {
    const workspace = await Workspace.open(path, { create, saveFs: options.saveFs });
    const resources = await ConfinedFolder.open(options.resourcesPath, { what: 'The bundled resources' });
    const trash = options.createTrash?.(workspace) ?? new FolderTrash(workspace.files);
    const briefs = new BriefsService(workspace, events, trash, {
      author: () => settings.get().settings.authorName,
      classification: () => settings.get().settings.defaultClassification,
    });
    const sources = new SourcesService(workspace);
    const facts = new FactsService(workspace, events, briefs, sources, resources, jobs);
    const annotations = new AnnotationsService(workspace, events, sources, facts);
    const imports = new ImportService(sources, facts, annotations, jobs, options.chooseImportFile);
    const seeding: Lifecycle = { name: 'seeding service', boot: async () => void (await seedWorkspace(workspace, resources)) };
    const close = await bootInOrder(options.headless ? [briefs] : [seeding, briefs, briefWatcher(workspace, briefs)], options.log);
    return new WorkspaceSession(workspace, briefs, historyGroup(briefs), sources, imports, facts, annotations, close);
  }
}

/**
 * The workspace open now, behind the contract's workspace methods and, through getters read at each call, the
 * briefs, history, facts, sources and annotations methods of its services.
 */
class WorkspaceService implements HostService {
  readonly name = 'workspace';
  private current: WorkspaceSession | undefined;

  constructor(
    private readonly options: ContainerOptions,
    private readonly events: EventHub,
    private readonly settings: SettingsService,
    private readonly jobs: JobRunner,
  ) {}

  get chooseFolder(): (() => Promise<string | undefined>) | undefined {
    return this.options.chooseWorkspaceFolder;
  }

  get session(): WorkspaceSession {
    if (!this.current) throw new AppError('refused', 'No workspace is open.');
    return this.current;
  }

  async boot(): Promise<void> {
    const { options } = this;
    const startPath = options.workspacePath ?? this.settings.get().settings.workspacePath ?? options.defaultWorkspacePath;
    this.current = await WorkspaceSession.open(startPath, !options.headless, options, this.events, this.settings, this.jobs);
  }

  async shutdown(): Promise<void> {
    await this.current?.close();
    this.current = undefined;
  }

  /** A folder the analyst chose while running: it must exist, and must answer within the time limit. */
  async open(path: string): Promise<string> {
    const next = await withTimeout(
      WorkspaceSession.open(path, false, this.options, this.events, this.settings, this.jobs),
      WORKSPACE_OPEN_TIMEOUT_MS,
      `The folder ${path} did not answer within ${WORKSPACE_OPEN_TIMEOUT_MS / 1000} seconds, so it was not opened. Choose a folder on a local disk.`,
      (late) => void late.close(),
    );
    // Jobs belong to the workspace they run in: none of them writes to a folder that is no longer open.
    await this.jobs.cancelAll();
    const previous = this.session;
    this.current = next;
    await previous.close();
    this.settings.update({ workspacePath: next.workspace.root });
    this.events.publish('workspace.changed', { path: next.workspace.root });
    return next.workspace.root;
  }

  info(): { path: string; readOnly?: string } {
    const { root, readOnly } = this.session.workspace;
    return readOnly ? { path: root, readOnly } : { path: root };
  }

  readonly serves = workspaceGroups(this);
}

/** The workspace methods, and the groups of the open workspace's services, read at each call. */
function workspaceGroups(service: WorkspaceService) {
  const workspace: ContractGroup<'workspace'> = {
    info: async () => service.info(),
    open: async ({ path }) => {
      await service.open(path);
      return service.info();
    },
    choose: async () => {
      const choose = service.chooseFolder;
      if (!choose) throw new AppError('refused', 'Type the folder to open: this window cannot show the system folder dialog.');
      const chosen = await choose();
      if (!chosen) return null;
      await service.open(chosen);
      return service.info();
    },
  };
  return {
    workspace,
    get briefs(): ContractGroup<'briefs'> {
      return service.session.briefs;
    },
    get history(): ContractGroup<'history'> {
      return service.session.history;
    },
    get facts(): ContractGroup<'facts'> {
      return service.session.facts;
    },
    get sources(): ContractGroup<'sources'> {
      const { sources, imports } = service.session;
      return { list: () => sources.list(), get: (args) => sources.get(args), update: (args) => sources.update(args), ...imports.serves };
    },
    get annotations(): ContractGroup<'annotations'> {
      return service.session.annotations;
    },
  };
}

export interface Container {
  readonly events: EventHub;
  readonly dispatcher: Dispatcher;
  readonly settings: SettingsService;
  readonly jobs: JobRunner;
  readonly exportService: ExportService;
  workspace(): Workspace;
  openWorkspace(path: string): Promise<string>;
  /** Refuses new calls, waits for those running, then shuts the services down in reverse: nothing runs after it. */
  shutdown(): Promise<void>;
}

/**
 * The composition root: plain constructors, booted in order, shut down in reverse. The jobs service boots after the
 * workspace so that shutdown stops every job before the workspace they write to is closed.
 */
export async function createContainer(options: ContainerOptions): Promise<Container> {
  const events = new EventHub();
  const settings = new SettingsService(options.settingsStore, options.settingsNotice);
  const jobs = new JobRunner(events, options.log);
  const workspace = new WorkspaceService(options, events, settings, jobs);
  const preferences = { name: 'preferences', serves: { settings: settingsGroup(settings) } } satisfies HostService;
  const app = {
    name: 'app service',
    serves: {
      app: {
        info: async () => ({ version: options.version, mode: options.mode, workspacePath: workspace.session.workspace.root }),
        readyToClose: async () => {
          options.onReadyToClose?.();
          return null;
        },
        setMenu: async ({ entries }) => {
          options.onMenu?.(entries);
          return null;
        },
      } satisfies ContractGroup<'app'>,
    },
  } satisfies HostService;
  const { printer } = options;
  const exportService = new ExportService(
    createExporters(printer, options.resourcesPath),
    { briefs: () => workspace.session.briefs, facts: () => workspace.session.facts, sources: () => workspace.session.sources },
    jobs,
    options.exportDesktop,
    () => printer.close(),
  );
  // The export service shuts down after the jobs service has stopped every export, then frees the printer.
  const services = [preferences, workspace, exportService, jobs, app] as const;
  const dispatcher = createDispatcher(services, options.log);
  const shutdownServices = await bootInOrder(services, options.log);

  return {
    events,
    dispatcher,
    settings,
    jobs,
    exportService,
    workspace: () => workspace.session.workspace,
    openWorkspace: (path) => workspace.open(path),
    async shutdown() {
      await dispatcher.close();
      await shutdownServices();
    },
  };
}
