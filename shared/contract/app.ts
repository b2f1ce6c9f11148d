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

/** Commands the desktop menu sends to the renderer; browser mode raises the same ones from keyboard shortcuts. */
export const AppCommandSchema = z.enum([
  'brief.new',
  'brief.open',
  'brief.save',
  'brief.rename',
  'brief.history',
  'workspace.open',
  'app.flushBeforeClose',
  'view.toggleSidebar',
  'view.toggleFacts',
  'view.toggleTheme',
  'app.preferences',
  'help.shortcuts',
  'help.about',
]);
export type AppCommand = z.infer<typeof AppCommandSchema>;
