import { z } from 'zod';
import { method } from './define';

export const AppInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  workspacePath: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appContract = {
  info: method(z.void(), AppInfoSchema),
  /** The renderer has flushed its edits (saved or backed up) and the window may close. */
  readyToClose: method(z.void(), z.null()),
};

/** A command of the renderer's registry, named in an `app.command` event (a native menu click, Open Recent). */
export const CommandIdSchema = z
  .string()
  .max(80)
  .regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/, 'not a command id');
