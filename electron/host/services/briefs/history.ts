import { AppError } from '../../../../shared/contract/define';
import type { Brief } from '../../../../shared/model/brief';
import type { SnapshotReason, SnapshotSummary } from '../../../../shared/contract/history';
import { editorStateWordCount } from '../../../../shared/lib/editorStateText';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import { readBriefFile, serializeBrief } from './briefFile';

export const HISTORY_LIMITS = { maxSnapshots: 50, maxAgeDays: 30, autosaveIntervalMs: 5 * 60 * 1000 } as const;

const HISTORY_FOLDER = '.briefdesk/history';
const SNAPSHOT = /^(?<stamp>\d{13})-(?<seq>\d{4})-r(?<revision>\d+)-(?<reason>explicit|auto|before-restore)\.json$/;

/**
 * Version history in `.briefdesk/history/<id>/`: a snapshot on every explicit save, at most every five minutes
 * of autosave, and before a restore. Pruned to the 50 newest, none older than 30 days (the newest always stays).
 */
export class HistoryStore {
  private seq = 0;

  constructor(
    private readonly files: ConfinedFolder,
    private readonly now: () => number = Date.now,
  ) {}

  private folder(briefId: string): string {
    return `${HISTORY_FOLDER}/${briefId}`;
  }

  async list(briefId: string): Promise<SnapshotSummary[]> {
    const entries = await this.files.listIfPresent(this.folder(briefId)).catch(() => []);
    const names = entries.flatMap((entry) => (entry.kind === 'file' ? [entry.name] : []));
    const snapshots = names.flatMap((name) => {
      const match = SNAPSHOT.exec(name);
      // A hand-renamed file can name a revision past 2^53: not one of ours, and one such name must not hide the rest.
      if (!match?.groups || !Number.isSafeInteger(Number(match.groups.revision))) return [];
      return [
        {
          snapshotId: name,
          createdAt: new Date(Number(match.groups.stamp)).toISOString(),
          revision: Number(match.groups.revision),
          reason: match.groups.reason as SnapshotReason,
        },
      ];
    });
    return snapshots.sort((a, b) => b.snapshotId.localeCompare(a.snapshotId));
  }

  async read(briefId: string, snapshotId: string): Promise<Brief> {
    if (!SNAPSHOT.test(snapshotId)) throw new AppError('invalid_argument', `${snapshotId} is not a snapshot name.`);
    return (await readBriefFile(this.files, `${this.folder(briefId)}/${snapshotId}`, 'That snapshot')).brief;
  }

  /** Whether an autosave should also snapshot: only if the newest snapshot is older than the interval. */
  async dueForAutosave(briefId: string): Promise<boolean> {
    const [newest] = await this.list(briefId);
    return !newest || this.now() - Date.parse(newest.createdAt) >= HISTORY_LIMITS.autosaveIntervalMs;
  }

  async snapshot(brief: Brief, reason: SnapshotReason): Promise<void> {
    await this.files.mkdir(this.folder(brief.id));
    this.seq = (this.seq + 1) % 10_000;
    const name = `${this.now()}-${String(this.seq).padStart(4, '0')}-r${brief.revision}-${reason}.json`;
    // A new file: there is no previous version of it to reassure anyone about.
    await this.files.write(`${this.folder(brief.id)}/${name}`, serializeBrief(brief), 'The version', '');
    await this.prune(brief.id);
  }

  async summaries(briefId: string): Promise<Array<SnapshotSummary & { title: string; wordCount: number }>> {
    const snapshots = await this.list(briefId);
    return Promise.all(
      snapshots.map(async (s) => {
        try {
          const brief = await this.read(briefId, s.snapshotId);
          return { ...s, title: brief.title, wordCount: editorStateWordCount(brief.editorState) };
        } catch {
          return { ...s, title: '(unreadable snapshot)', wordCount: 0 };
        }
      }),
    );
  }

  private async prune(briefId: string): Promise<void> {
    const snapshots = await this.list(briefId);
    const oldest = this.now() - HISTORY_LIMITS.maxAgeDays * 24 * 60 * 60 * 1000;
    const doomed = snapshots.filter((s, index) => index > 0 && (index >= HISTORY_LIMITS.maxSnapshots || Date.parse(s.createdAt) < oldest));
    await Promise.all(doomed.map((s) => this.files.remove(`${this.folder(briefId)}/${s.snapshotId}`, 'An old version')));
  }
}
