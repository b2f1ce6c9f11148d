import { z } from 'zod';
import { method } from './define';
import { BriefIdSchema, BriefSchema } from '../model/brief';

export const SnapshotReasonSchema = z.enum(['explicit', 'auto', 'before-restore']);
export type SnapshotReason = z.infer<typeof SnapshotReasonSchema>;

export const SnapshotIdSchema = z.string().regex(/^\d{13}-\d{4}-r\d+-(explicit|auto|before-restore)\.json$/);

export const SnapshotSummarySchema = z.object({
  snapshotId: SnapshotIdSchema,
  createdAt: z.string(),
  revision: z.number().int().min(0),
  reason: SnapshotReasonSchema,
});
export type SnapshotSummary = z.infer<typeof SnapshotSummarySchema>;

export const SnapshotListItemSchema = SnapshotSummarySchema.extend({ title: z.string(), wordCount: z.number().int().min(0) });

const SnapshotRefSchema = z.object({ id: BriefIdSchema, snapshotId: SnapshotIdSchema });

export const historyContract = {
  list: method(z.object({ id: BriefIdSchema }), z.array(SnapshotListItemSchema)),
  read: method(SnapshotRefSchema, BriefSchema),
  /** Restores a snapshot as the brief's next revision, after snapshotting the current one (so it can be undone). */
  restore: method(SnapshotRefSchema.extend({ baseRevision: z.number().int().min(0) }), BriefSchema),
  /** For a damaged brief: a new brief holding the snapshot's content; the damaged file is left as it is. */
  recoverAsNew: method(SnapshotRefSchema, BriefSchema),
};
