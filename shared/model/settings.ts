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

const ExportDefaultsSchema = z.object({
  paperSize: z.enum(['A4', 'Letter']),
  includeSourceList: z.boolean(),
});

/** Each preference's own rule, with no default: the patch below must never fill in a key it was not given. */
const PreferenceFields = {
  theme: ThemeSettingSchema,
  recentBriefs: z.array(BriefIdSchema).max(20),
  lastOpenBrief: BriefIdSchema,
  authorName: z.string().max(200),
  defaultClassification: z.string().trim().min(1).max(80),
  /** Save after a second without typing; off, edits still go to the hot-exit backup. */
  autosave: z.boolean(),
  exportDefaults: ExportDefaultsSchema,
};

/** Preferences: electron-store in the desktop app, `conf` (its base) in the Node host, one schema for both. */
export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION).default(SETTINGS_SCHEMA_VERSION),
  theme: PreferenceFields.theme.default('system'),
  windowBounds: WindowBoundsSchema.optional(),
  recentBriefs: PreferenceFields.recentBriefs.default([]),
  lastOpenBrief: PreferenceFields.lastOpenBrief.optional(),
  workspacePath: z.string().optional(),
  authorName: PreferenceFields.authorName.default(''),
  defaultClassification: PreferenceFields.defaultClassification.default(DEFAULT_CLASSIFICATION),
  autosave: PreferenceFields.autosave.default(true),
  exportDefaults: PreferenceFields.exportDefaults.default({ paperSize: 'A4', includeSourceList: true }),
});
export type Settings = z.infer<typeof SettingsSchema>;

/**
 * What the renderer may change; window bounds and the workspace path are the main process's business. Built from
 * the fields without their defaults: zod fills defaults into a `.partial()` of SettingsSchema, and every patch then
 * wrote all the other preferences back to their defaults. `exportDefaults` may be patched one key at a time.
 */
export const SettingsPatchSchema = z.strictObject({
  theme: PreferenceFields.theme.optional(),
  recentBriefs: PreferenceFields.recentBriefs.optional(),
  lastOpenBrief: PreferenceFields.lastOpenBrief.optional(),
  authorName: PreferenceFields.authorName.optional(),
  defaultClassification: PreferenceFields.defaultClassification.optional(),
  autosave: PreferenceFields.autosave.optional(),
  exportDefaults: PreferenceFields.exportDefaults.partial().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const RECENT_BRIEFS_LIMIT = 10;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
