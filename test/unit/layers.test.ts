import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repoRoot = new URL('../..', import.meta.url).pathname;

/** Lints a piece of code as if it were the file at `filePath`, and returns the rule ids that fired. */
async function violations(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repoRoot });
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${filePath}` });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

describe('layer rules of ARCHITECTURE.md', () => {
  it('refuse Node built-ins and main-process code in the renderer', async () => {
    const fired = await violations(
      'renderer/src/components/Leak.tsx',
      "import { readFileSync } from 'node:fs';\nimport { Workspace } from '../../../electron/host/services/workspace/workspace';\nexport const leak = [readFileSync, Workspace];\n",
    );
    expect(fired).toContain('no-restricted-imports');
    expect(fired).toContain('import-x/no-restricted-paths');
  });

  it('refuse electron in the Node host', async () => {
    const fired = await violations('electron/host/Leak.ts', "import { app } from 'electron';\nexport const leak = app;\n");
    expect(fired).toContain('no-restricted-imports');
  });

  it('let only electron/host/platform/ touch the file system', async () => {
    for (const file of ['electron/host/services/briefs/Leak.ts', 'electron/host/Leak.ts', 'electron/main/Leak.ts']) {
      expect(await violations(file, "import { readFile } from 'node:fs/promises';\nexport const leak = readFile;\n"), file).toContain('no-restricted-imports');
      expect(await violations(file, "import { readFileSync } from 'fs';\nexport const leak = readFileSync;\n"), file).toContain('no-restricted-imports');
    }
    expect(await violations('electron/host/platform/Fine.ts', "import { readFile } from 'node:fs/promises';\nexport const fine = readFile;\n")).toEqual([]);
  });

  it('keep shared/ free of renderer code and Node built-ins', async () => {
    const fired = await violations(
      'shared/lib/Leak.ts',
      "import { join } from 'path';\nimport { api } from '../../renderer/src/api/client';\nexport const leak = [join, api];\n",
    );
    expect(fired).toEqual(expect.arrayContaining(['no-restricted-imports', 'import-x/no-restricted-paths']));
  });

  it('keep features apart and components presentational', async () => {
    expect(
      await violations('renderer/src/features/sources/Leak.tsx', "import { useBriefList } from '../briefs/useBriefList';\nexport const leak = useBriefList;\n"),
    ).toContain('import-x/no-restricted-paths');
    expect(
      await violations('renderer/src/components/Leak.tsx', "import { api } from '../api/client';\nexport const leak = api;\n"),
    ).toContain('import-x/no-restricted-paths');
  });

  it('allow the imports the layers permit', async () => {
    expect(
      await violations(
        'renderer/src/features/briefs/Fine.tsx',
        "import { BriefListView } from '../../components/BriefListView';\nimport { BRIEF_SCHEMA_VERSION } from '../../../../shared/model/brief';\nexport const fine = [BriefListView, BRIEF_SCHEMA_VERSION];\n",
      ),
    ).toEqual([]);
  });
});
