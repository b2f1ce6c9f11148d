/**
 * The window's one notification area, as a framework-free store: notices, errors with their actions (Undo,
 * Retry) and the progress of jobs. A notification with an id replaces the earlier one with that id, so a feature
 * can keep one notice current ("the brief changed on disk") and withdraw it when the state behind it goes.
 */

export type NotificationTone = 'info' | 'warning' | 'error' | 'progress';

export interface NotificationAction {
  label: string;
  run: () => void;
  primary?: boolean;
}

export interface JobProgress {
  done: number;
  total: number;
  phrase?: string;
}

export interface NotificationInput {
  /** Stable for notices that track a state; generated otherwise. */
  id?: string;
  tone: NotificationTone;
  text: string;
  actions?: readonly NotificationAction[];
  progress?: JobProgress;
  /** Info notices close themselves after a while unless they carry actions; sticky ones wait for the analyst. */
  sticky?: boolean;
}

export interface Notification extends NotificationInput {
  id: string;
  at: number;
}

export interface NotificationsSnapshot {
  active: readonly Notification[];
  /** The last messages shown, newest first, kept after they are dismissed. */
  history: readonly Notification[];
}

const HISTORY_LIMIT = 20;
export const AUTO_DISMISS_MS = 8000;

export class NotificationStore {
  private snapshot: NotificationsSnapshot = { active: [], history: [] };
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private nextId = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  getSnapshot = (): NotificationsSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Shows a notification (replacing one with the same id) and returns its id. */
  post(input: NotificationInput): string {
    const id = input.id ?? `notice-${++this.nextId}`;
    const existing = this.snapshot.active.find((n) => n.id === id);
    const notification: Notification = { ...input, id, at: this.clock() };
    const active = existing ? this.snapshot.active.map((n) => (n.id === id ? notification : n)) : [...this.snapshot.active, notification];
    // A progress update is not news: the history keeps the job's first and last words, not every step.
    const history = existing?.tone === 'progress' && input.tone === 'progress' ? this.snapshot.history : [notification, ...this.snapshot.history].slice(0, HISTORY_LIMIT);
    this.set({ active, history });
    this.scheduleDismissal(notification);
    return id;
  }

  dismiss(id: string): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    if (!this.snapshot.active.some((n) => n.id === id)) return;
    this.set({ ...this.snapshot, active: this.snapshot.active.filter((n) => n.id !== id) });
  }

  /**
   * Runs an action. A plain notice goes away with it; a sticky one stays until its owner withdraws it, because the
   * state it reports may outlast the action (Compare leaves a recovered backup still waiting for a choice).
   */
  act(id: string, action: NotificationAction): void {
    if (!this.snapshot.active.find((n) => n.id === id)?.sticky) this.dismiss(id);
    action.run();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
  }

  private scheduleDismissal(notification: Notification): void {
    clearTimeout(this.timers.get(notification.id));
    this.timers.delete(notification.id);
    if (notification.tone !== 'info' || notification.sticky || notification.actions?.length) return;
    this.timers.set(
      notification.id,
      setTimeout(() => this.dismiss(notification.id), AUTO_DISMISS_MS),
    );
  }

  private set(next: NotificationsSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
