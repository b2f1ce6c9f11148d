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

export const ExportFormatSchema = z.enum(['pdf', 'docx', 'md', 'html']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;
export const NotePlacementSchema = z.enum(['foot', 'end']);
export const PaperSizeSchema = z.enum(['A4', 'Letter']);

/** The export dialog's choices, remembered. Fields added later fall back to their default in older files. */
const ExportDefaultsFields = {
  format: ExportFormatSchema,
  notes: NotePlacementSchema,
  paperSize: PaperSizeSchema,
  includeSourceList: z.boolean(),
};
export const DEFAULT_EXPORT_DEFAULTS = { format: 'pdf', notes: 'foot', paperSize: 'A4', includeSourceList: true } as const;
const ExportDefaultsSchema = z.object({
  format: ExportDefaultsFields.format.default(DEFAULT_EXPORT_DEFAULTS.format),
  notes: ExportDefaultsFields.notes.default(DEFAULT_EXPORT_DEFAULTS.notes),
  paperSize: ExportDefaultsFields.paperSize,
  includeSourceList: ExportDefaultsFields.includeSourceList,
});

/** The panes the workbench can show beside the editor; the sidebar (briefs, trash) is on the left. */
export const SidePaneIdSchema = z.enum(['facts', 'inThisBrief', 'source']);
export type SidePaneId = z.infer<typeof SidePaneIdSchema>;

export const PANE_SIZE_LIMITS = { sidebar: { min: 180, max: 560 }, side: { min: 260, max: 900 }, split: { min: 0.2, max: 0.8 } } as const;

/** The window's layout: which panes are open and how big, remembered between launches. */
export const WorkbenchLayoutSchema = z.object({
  sidebarOpen: z.boolean(),
  sidebarWidth: z.number().min(PANE_SIZE_LIMITS.sidebar.min).max(PANE_SIZE_LIMITS.sidebar.max),
  /** The open panes on the right, at most two, in the order they are shown. */
  sidePanes: z.array(SidePaneIdSchema).max(2).refine((panes) => new Set(panes).size === panes.length, 'a pane is listed twice'),
  sideWidth: z.number().min(PANE_SIZE_LIMITS.side.min).max(PANE_SIZE_LIMITS.side.max),
  /** Two panes on the right sit side by side or one above the other. */
  sideArrangement: z.enum(['sideBySide', 'stacked']),
  /** The first right pane's share of the right side when two are open. */
  sideSplit: z.number().min(PANE_SIZE_LIMITS.split.min).max(PANE_SIZE_LIMITS.split.max),
});
export type WorkbenchLayout = z.infer<typeof WorkbenchLayoutSchema>;

export const DEFAULT_WORKBENCH_LAYOUT: WorkbenchLayout = {
  sidebarOpen: true,
  sidebarWidth: 260,
  sidePanes: [],
  sideWidth: 360,
  sideArrangement: 'stacked',
  sideSplit: 0.5,
};

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
  workbench: WorkbenchLayoutSchema,
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
  exportDefaults: PreferenceFields.exportDefaults.default(DEFAULT_EXPORT_DEFAULTS),
  workbench: PreferenceFields.workbench.default(DEFAULT_WORKBENCH_LAYOUT),
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
  exportDefaults: z.strictObject(ExportDefaultsFields).partial().optional(),
  workbench: PreferenceFields.workbench.optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const RECENT_BRIEFS_LIMIT = 10;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}
