import { z } from 'zod';
import { method } from './define';

export const AppInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(['desktop', 'browser']),
  workspacePath: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** The native menu's entries, as the renderer's command registry gives them (`CommandRegistry.menuEntries`). */
export const MenuEntrySchema = z.object({
  id: z.string().max(80),
  label: z.string().min(1).max(120),
  menu: z.enum(['File', 'View', 'Go', 'Help']),
  group: z.number().int().min(0).max(100),
  order: z.number().int().min(0).max(1000),
  accelerator: z.string().max(40).optional(),
  enabled: z.boolean(),
});
export const MenuEntriesSchema = z.object({ entries: z.array(MenuEntrySchema).max(300) });

export const appContract = {
  info: method(z.void(), AppInfoSchema),
  /** The renderer has flushed its edits (saved or backed up) and the window may close. */
  readyToClose: method(z.void(), z.null()),
  /** The renderer's commands for the native menu (desktop); browser mode has none and ignores them. */
  setMenu: method(MenuEntriesSchema, z.null()),
};

/** A command of the renderer's registry, named in an `app.command` event (a native menu click, Open Recent). */
export const CommandIdSchema = z
  .string()
  .max(80)
  .regex(/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/, 'not a command id');
