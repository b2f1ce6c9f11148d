import { describe, expect, it } from 'vitest';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import type { Configuration } from 'electron-builder';

// Packaging needs the Electron binary, which cannot be downloaded here. So electron-builder.yml is read and checked
// by electron-builder's own loader and validator (its scheme.json, where electronFuses allows no unknown key): the
// same code `npm run package` runs before it builds anything.
const repoRoot = new URL('../..', import.meta.url).pathname;
const validate = (config: Configuration): Promise<void> => validateConfiguration(config, new DebugLogger(false));

describe('electron-builder.yml', () => {
  it('matches the schema of the electron-builder we package with', async () => {
    await expect(validate(await getConfig(repoRoot, null, null))).resolves.toBeUndefined();
  });

  it('flips every fuse that lets code other than the signed app.asar run', async () => {
    const { electronFuses } = await getConfig(repoRoot, null, null);
    expect(electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('would refuse a misspelled fuse, which electron-builder would otherwise not set', async () => {
    const config = await getConfig(repoRoot, null, null);
    await expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } as Configuration['electronFuses'] })).rejects.toThrow(
      /electronFuses/,
    );
  });
});
