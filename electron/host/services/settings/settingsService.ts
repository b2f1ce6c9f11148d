import { basename, dirname } from 'node:path';
import { AppError } from '../../../../shared/contract/define';
import { MAX_FILE_BYTES } from '../../../../shared/limits';
import { SettingsSchema, defaultSettings, type Settings, type SettingsPatch } from '../../../../shared/model/settings';
import type { ContractGroup } from '../../lifecycle';
import { ConfinedFolder } from '../../platform/confinedFolder';
import { decodeUtf8, parseJsonText } from '../../platform/jsonFile';

/** The part of `conf` (and so of electron-store, which extends it) that settings need. */
export interface KeyValueStore {
  readonly path: string;
  store: Record<string, unknown>;
}

/** Preferences that last as long as the process: the command line's and the tests' (nothing read, nothing written). */
export function memoryStore(): KeyValueStore {
  return { path: '(memory)', store: {} };
}

export interface SettingsSnapshot {
  settings: Settings;
  /** Set when the file on disk was unusable: what happened and where the bad copy was kept. */
  notice?: string | undefined;
}

/**
 * conf (and electron-store) throw on construction when the preferences file is not JSON, and would follow a symlink
 * or read a planted FIFO or huge file without a limit. Before either opens it, the file is read through the same
 * confined reader as the workspace (its own folder as the root); anything unusable is set aside, kept, and reported.
 */
export async function setAsideDamagedSettings(path: string): Promise<string | undefined> {
  const folder = await ConfinedFolder.open(dirname(path), { create: true, what: 'The preferences folder' });
  const name = basename(path);
  const what = 'Your preferences file';
  const keptAs = `${name}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  let bytes: Buffer;
  let json: unknown;
  try {
    bytes = await folder.read(name, { maxBytes: MAX_FILE_BYTES.settings, what });
    json = parseJsonText(decodeUtf8(bytes, what), what);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    // Not JSON, a symlink, a pipe, too large: conf could not (or must not) open it, so it is moved aside whole.
    await folder.setAside(name, keptAs, what);
    return `Briefdesk started with default preferences. ${error instanceof Error ? error.message : String(error)} The file was kept as ${folder.path(keptAs)}.`;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    await folder.setAside(name, keptAs, what);
    return `Briefdesk started with default preferences. Your preferences file does not hold preferences (it is JSON, but not an object). The file was kept as ${folder.path(keptAs)}.`;
  }
  // Readable, but with values Briefdesk cannot take: the service keeps what is valid and resets the rest, so the
  // bytes as they were are copied aside first; nothing an analyst set is lost without a copy.
  if (!SettingsSchema.safeParse(json).success) {
    await folder.write(keptAs, bytes, 'The copy of your preferences file');
    return `Some preferences could not be used and were reset to their defaults; the file as it was is kept as ${folder.path(keptAs)}.`;
  }
  return undefined;
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

/** The contract's settings methods over the service, whose own calls are synchronous (the main process uses them so). */
export function settingsGroup(settings: SettingsService): ContractGroup<'settings'> {
  return {
    get: async () => settings.get(),
    update: async (patch) => settings.update(patch),
    dismissNotice: async () => {
      settings.dismissNotice();
      return null;
    },
  };
}
