import { z } from 'zod';
import { method } from './define';

export const WorkspaceInfoSchema = z.object({
  path: z.string(),
  /** Set when the folder cannot be written (a read-only mount, no permission): briefs open for reading only. */
  readOnly: z.string().optional(),
});

export const workspaceContract = {
  info: method(z.void(), WorkspaceInfoSchema),
  /**
   * Browser mode's "Open workspace…": the analyst types the folder (the desktop app uses the native dialog in the
   * main process instead). The one place a path crosses the contract; it names a folder to work in, not a file.
   */
  open: method(z.object({ path: z.string().min(1).max(4096) }), WorkspaceInfoSchema),
  /**
   * The desktop app's "Open workspace…": the main process shows the native folder dialog and opens what the analyst
   * picks (null when they cancel). No path crosses the contract; browser mode refuses it (use `open`).
   */
  choose: method(z.void(), WorkspaceInfoSchema.nullable()),
};
