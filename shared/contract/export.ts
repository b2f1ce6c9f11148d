import { z } from 'zod';
import { method } from './define';
import { JobIdSchema, JobStartedSchema } from './jobs';
import { BriefIdSchema } from '../model/brief';
import { ExportFormatSchema, NotePlacementSchema, PaperSizeSchema } from '../model/settings';
import { NAME_CHARS } from '../limits';

/** A briefing book holds at most this many briefs. */
export const BOOK_BRIEFS_LIMIT = 50;

export const ExportOptionsSchema = z.object({
  format: ExportFormatSchema,
  notes: NotePlacementSchema,
  paper: PaperSizeSchema,
  includeSources: z.boolean(),
});
export type ExportOptions = z.infer<typeof ExportOptionsSchema>;

/** A file name without a folder: no separators, no leading dot, nothing the OS would read as a device or a path. */
export const ExportFileNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(NAME_CHARS)
  .regex(/^[^/\\:*?"<>|\p{Cc}]+$/u, 'a file name cannot contain / \\ : * ? " < > | or control characters')
  .refine((name) => !name.startsWith('.'), 'a file name cannot start with a dot');

export const ExportStartSchema = z.object({
  /** One brief, or several in order for a briefing book (PDF and DOCX only). */
  briefIds: z.array(BriefIdSchema).min(1).max(BOOK_BRIEFS_LIMIT),
  options: ExportOptionsSchema,
  /** The name the file is offered under (the dialog's "File name"); the extension is the format's. */
  fileName: ExportFileNameSchema,
});

/** What a finished export made: held by the host for the download (browser mode) or to open and show (desktop). */
export const ExportResultSchema = z.object({
  jobId: JobIdSchema,
  fileName: z.string(),
  mimeType: z.string(),
  byteLength: z.number().int().min(0),
  /** Where it was written (desktop app); absent when the file waits to be downloaded (browser mode). */
  path: z.string().optional(),
  /** What the analyst should know about the result, e.g. that notes became endnotes because one did not fit its page. */
  notices: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const exportContract = {
  /**
   * Starts an export job. The desktop app first asks where to save with the system dialog (which asks before
   * replacing a file): null when the analyst cancelled it. In browser mode the file is kept for `download`.
   */
  start: method(ExportStartSchema, JobStartedSchema.nullable()),
  /** What a finished export made; not_found for a job that is not a finished export. */
  result: method(z.object({ jobId: JobIdSchema }), ExportResultSchema),
  /** The file's bytes, base64, for the browser's download: kept for a while after the export, until downloaded. */
  download: method(z.object({ jobId: JobIdSchema }), z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() })),
  /** Opens the written file, or shows it in its folder (desktop app only). */
  reveal: method(z.object({ jobId: JobIdSchema, how: z.enum(['open', 'showInFolder']) }), z.null()),
};
