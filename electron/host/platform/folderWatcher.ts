import { watch, type FSWatcher } from 'chokidar';
import { basename } from 'node:path';

export type FileEventKind = 'add' | 'change' | 'unlink';

/**
 * Watches one folder (not its subfolders) and reports file events by name, coalesced per file over a short
 * window so an atomic save (temp write + rename) arrives as one event.
 */
export class FolderWatcher {
  private watcher: FSWatcher | undefined;
  private readonly pending = new Map<string, { kind: FileEventKind; timer: ReturnType<typeof setTimeout> }>();

  constructor(
    private readonly folder: string,
    private readonly accept: (name: string) => boolean,
    private readonly onEvent: (name: string, kind: FileEventKind) => void,
    private readonly settleMs = 75,
  ) {}

  async start(): Promise<void> {
    this.watcher = watch(this.folder, { ignoreInitial: true, depth: 0, atomic: false, followSymlinks: false });
    const forward = (kind: FileEventKind) => (path: string) => {
      const name = basename(path);
      if (!this.accept(name)) return;
      const earlier = this.pending.get(name);
      if (earlier) clearTimeout(earlier.timer);
      // add-then-change is still an add; anything then unlink is an unlink; unlink-then-add is a change.
      const merged: FileEventKind = earlier?.kind === 'add' && kind === 'change' ? 'add' : earlier?.kind === 'unlink' && kind === 'add' ? 'change' : kind;
      const timer = setTimeout(() => {
        this.pending.delete(name);
        this.onEvent(name, merged);
      }, this.settleMs);
      this.pending.set(name, { kind: merged, timer });
    };
    this.watcher.on('add', forward('add')).on('change', forward('change')).on('unlink', forward('unlink'));
    // chokidar reports EACCES, EMFILE or an exhausted inotify limit (ENOSPC) as an 'error' event; an EventEmitter
    // with no listener for it throws, which would take the whole host down. Outside changes then go unnoticed;
    // saves still refuse to overwrite a file that moved on, so say so and carry on.
    this.watcher.on('error', (error) => console.error(`Watching ${this.folder} failed; outside changes may go unnoticed:`, error));
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  async stop(): Promise<void> {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    await this.watcher?.close();
    this.watcher = undefined;
  }
}
