import { useCallback, useEffect, useState } from 'react';
import type { BriefdeskApi } from '../../../shared/contract/client';
import type { Settings, SettingsPatch } from '../../../shared/model/settings';

export interface SettingsState {
  settings: Settings | undefined;
  notice: string | undefined;
  error: string | undefined;
  update: (patch: SettingsPatch) => Promise<string | undefined>;
  dismissNotice: () => void;
}

/** Preferences from the host, read once at start and written through on every change. */
export function useSettings(api: BriefdeskApi | undefined): SettingsState {
  const [settings, setSettings] = useState<Settings>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!api) return;
    void api.settings.get().then((result) => {
      if (!result.ok) return setError(result.error.message);
      setSettings(result.value.settings);
      setNotice(result.value.notice);
    });
  }, [api]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      if (!api) return 'Not connected';
      const result = await api.settings.update(patch);
      if (!result.ok) return result.error.message;
      setSettings(result.value);
      return undefined;
    },
    [api],
  );

  const dismissNotice = useCallback(() => {
    setNotice(undefined);
    void api?.settings.dismissNotice();
  }, [api]);

  return { settings, notice, error, update, dismissNotice };
}
