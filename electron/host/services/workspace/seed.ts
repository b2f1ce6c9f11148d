import { copyFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace, WorkspaceFolder } from './workspace';

const SEEDED_MARKER = 'seeded.json';
const SEEDED_FOLDERS: ReadonlyArray<{ folder: WorkspaceFolder; suffix: string }> = [
  { folder: 'sources', suffix: '.source.json' },
  { folder: 'facts', suffix: '.facts.json' },
  { folder: 'briefs', suffix: '.brief.json' },
];

async function filesIn(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter((name) => !name.startsWith('.'));
  } catch {
    return [];
  }
}

/**
 * First run: an empty workspace gets the bundled sample source, fact catalogue and sample brief. Seeding happens
 * once per workspace (a marker in `.briefdesk/`), so what the analyst deletes later stays deleted.
 */
export async function seedWorkspace(workspace: Workspace, resourcesPath: string): Promise<string[]> {
  const marker = workspace.file('.briefdesk', SEEDED_MARKER);
  if (await stat(marker).then(() => true, () => false)) return [];
  const existing = await Promise.all(SEEDED_FOLDERS.map(({ folder }) => filesIn(workspace.folder(folder))));
  const copied: string[] = [];
  if (existing.every((names) => names.length === 0)) {
    for (const { folder, suffix } of SEEDED_FOLDERS) {
      for (const name of (await filesIn(join(resourcesPath, folder))).filter((n) => n.endsWith(suffix))) {
        await copyFile(join(resourcesPath, folder, name), workspace.file(folder, name));
        copied.push(`${folder}/${name}`);
      }
    }
  }
  await writeFile(marker, `${JSON.stringify({ seededAt: new Date().toISOString(), copied }, null, 2)}\n`);
  return copied;
}
