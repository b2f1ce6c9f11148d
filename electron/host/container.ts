import type { AppInfo } from '../../shared/contract/app';
import { createDispatcher, type Dispatcher } from './dispatcher';
import { EventHub } from './events';
import { BriefsService } from './services/briefs/briefsService';
import { Workspace } from './services/workspace/workspace';

export interface ContainerOptions {
  workspacePath: string;
  mode: AppInfo['mode'];
  version: string;
}

export interface Container {
  readonly events: EventHub;
  readonly dispatcher: Dispatcher;
  readonly workspace: Workspace;
  shutdown(): Promise<void>;
}

/** The composition root: plain constructors, booted in order, shut down in reverse. */
export async function createContainer(options: ContainerOptions): Promise<Container> {
  const events = new EventHub();
  const workspace = new Workspace(options.workspacePath);
  await workspace.boot();
  const briefs = new BriefsService(workspace, events);
  const info: AppInfo = { version: options.version, mode: options.mode, workspacePath: workspace.root };
  const dispatcher = createDispatcher({
    app: { info: async () => info },
    briefs: {
      list: () => briefs.list(),
      create: (arg) => briefs.create(arg),
      open: (arg) => briefs.open(arg),
      save: (arg) => briefs.save(arg),
    },
  });
  return {
    events,
    dispatcher,
    workspace,
    async shutdown() {},
  };
}
