import { z } from 'zod';
import { BriefIdSchema, DEFAULT_CLASSIFICATION } from './brief';

export const SETTINGS_SCHEMA_VERSION = 1;

export const WindowBoundsSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200),
  height: z.number().int().min(200),
  maximized: z.boolean(),
});

export const ThemeSettingSchema = z.enum(['light', 'dark', 'system']);
export type ThemeSetting = z.infer<typeof ThemeSettingSchema>;

/** Preferences: electron-store in the desktop app, `conf` (its base) in the Node host, one schema for both. */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  theme: ThemeSettingSchema.default('system'),
  windowBounds: WindowBoundsSchema.optional(),
  recentBriefs: z.array(BriefIdSchema).max(20).default([]),
  lastOpenBrief: BriefIdSchema.optional(),
  workspacePath: z.string().optional(),
  authorName: z.string().max(200).default(''),
  defaultClassification: z.string().trim().min(1).max(80).default(DEFAULT_CLASSIFICATION),
  /** Save after a second without typing; off, edits still go to the hot-exit backup. */
  autosave: z.boolean().default(true),
  exportDefaults: z
    .object({
      paperSize: z.enum(['A4', 'Letter']).default('A4'),
      includeSourceList: z.boolean().default(true),
    })
    .default({ paperSize: 'A4', includeSourceList: true }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** What the renderer may change; window bounds and the workspace path are the main process's business. */
export const SettingsPatchSchema = SettingsSchema.pick({
  theme: true,
  recentBriefs: true,
  lastOpenBrief: true,
  authorName: true,
  defaultClassification: true,
  autosave: true,
  exportDefaults: true,
}).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const RECENT_BRIEFS_LIMIT = 10;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
