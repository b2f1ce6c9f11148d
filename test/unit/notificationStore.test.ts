import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTO_DISMISS_MS, NotificationStore } from '../../shared/notifications/notificationStore';

describe('the notification area', () => {
  afterEach(() => vi.useRealTimers());

  it('a notice with an id replaces the earlier one, and dismissing it keeps it in the history', () => {
    const store = new NotificationStore();
    store.post({ id: 'conflict', tone: 'warning', text: 'Changed on disk.' });
    store.post({ id: 'conflict', tone: 'warning', text: 'Deleted on disk.' });
    expect(store.getSnapshot().active.map((n) => n.text)).toEqual(['Deleted on disk.']);
    store.dismiss('conflict');
    expect(store.getSnapshot().active).toEqual([]);
    expect(store.getSnapshot().history.map((n) => n.text)).toEqual(['Deleted on disk.', 'Changed on disk.']);
  });

  it('an action runs once and takes its notice away', () => {
    const store = new NotificationStore();
    const undo = vi.fn();
    const id = store.post({ tone: 'info', text: 'Moved to the trash.', actions: [{ label: 'Undo', run: undo }] });
    store.act(id, store.getSnapshot().active[0]!.actions![0]!);
    expect(undo).toHaveBeenCalledOnce();
    expect(store.getSnapshot().active).toEqual([]);
  });

  it('a sticky notice stays after an action until its owner withdraws it', () => {
    const store = new NotificationStore();
    const compare = vi.fn();
    store.post({ id: 'backup', tone: 'warning', sticky: true, text: 'Edits were recovered.', actions: [{ label: 'Compare', run: compare }] });
    store.act('backup', store.getSnapshot().active[0]!.actions![0]!);
    expect(compare).toHaveBeenCalledOnce();
    expect(store.getSnapshot().active.map((n) => n.id)).toEqual(['backup']);
  });

  it('plain info closes itself; errors, warnings, sticky notices and notices with actions wait', () => {
    vi.useFakeTimers();
    const store = new NotificationStore();
    store.post({ tone: 'info', text: 'Saved a copy.' });
    store.post({ tone: 'error', text: 'The disk is full.' });
    store.post({ tone: 'info', text: 'Undo?', actions: [{ label: 'Undo', run: () => undefined }] });
    store.post({ tone: 'info', text: 'Read-only.', sticky: true });
    vi.advanceTimersByTime(AUTO_DISMISS_MS + 1);
    expect(store.getSnapshot().active.map((n) => n.text)).toEqual(['The disk is full.', 'Undo?', 'Read-only.']);
  });

  it('job progress updates one notice and the history keeps only its first and last words', () => {
    const store = new NotificationStore();
    for (let done = 0; done <= 10; done += 1) store.post({ id: 'job-1', tone: 'progress', text: 'Exporting', progress: { done, total: 10 } });
    store.post({ id: 'job-1', tone: 'info', text: 'Exported.' });
    expect(store.getSnapshot().active).toHaveLength(1);
    expect(store.getSnapshot().history.map((n) => n.text)).toEqual(['Exported.', 'Exporting']);
  });

  it('the history is bounded', () => {
    const store = new NotificationStore();
    for (let i = 0; i < 50; i += 1) store.post({ tone: 'error', text: `Problem ${i}` });
    expect(store.getSnapshot().history).toHaveLength(20);
    expect(store.getSnapshot().history[0]!.text).toBe('Problem 49');
  });
});
