import { z } from 'zod';
import { method } from './define';
import { SettingsPatchSchema, SettingsSchema } from '../model/settings';

export const settingsContract = {
  get: method(z.void(), z.object({ settings: SettingsSchema, notice: z.string().optional() })),
  update: method(SettingsPatchSchema, SettingsSchema),
  dismissNotice: method(z.void(), z.null()),
};
