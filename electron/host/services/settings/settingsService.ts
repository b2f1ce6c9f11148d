import { copyFile, readFile, rm } from 'node:fs/promises';
import { SettingsSchema, defaultSettings, type Settings, type SettingsPatch } from '../../../../shared/model/settings';

/** The part of `conf` (and so of electron-store, which extends it) that settings need. */
export interface KeyValueStore {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface SettingsSnapshot {
  settings: Settings;
  /** Set when the file on disk was unusable: what happened and where the bad copy was kept. */
  notice?: string | undefined;
}

/**
 * A settings file that is not JSON would make conf (and electron-store) throw on construction. Before either
 * opens it, move a damaged file aside, keeping the copy, and say so.
 */
export async function setAsideDamagedSettings(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    JSON.parse(text);
    return undefined;
  } catch {
    const keptAt = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(path, keptAt);
    await rm(path);
    return `Your preferences file could not be read, so Briefdesk started with default preferences. The damaged copy was kept at ${keptAt}.`;
  }
}

export class SettingsService {
  private notice: string | undefined;

  constructor(
    private readonly store: KeyValueStore,
    startupNotice?: string,
  ) {
    this.notice = startupNotice;
    const parsed = SettingsSchema.safeParse(store.store);
    if (!parsed.success) {
      this.notice ??= `Some preferences were invalid and were reset to their defaults (${parsed.error.issues[0]?.path.join('.') ?? 'unknown'}).`;
      this.store.store = this.repair(store.store);
    }
  }

  /** Keeps every valid top-level preference and resets the rest to defaults. */
  private repair(raw: Record<string, unknown>): Settings {
    const repaired: Record<string, unknown> = { ...defaultSettings() };
    for (const [key, value] of Object.entries(raw)) {
      if (!(key in SettingsSchema.shape)) continue;
      const candidate = { ...repaired, [key]: value };
      if (SettingsSchema.safeParse(candidate).success) repaired[key] = value;
    }
    return SettingsSchema.parse(repaired);
  }

  get(): SettingsSnapshot {
    return { settings: SettingsSchema.parse(this.store.store), notice: this.notice };
  }

  /** Changes exactly the keys the patch names (export defaults key by key) and keeps every other preference. */
  update(patch: SettingsPatch | Partial<Settings>): Settings {
    const current = this.get().settings;
    const next = SettingsSchema.parse({
      ...current,
      ...patch,
      exportDefaults: { ...current.exportDefaults, ...patch.exportDefaults },
    });
    this.store.store = next;
    return next;
  }

  dismissNotice(): void {
    this.notice = undefined;
  }
}
