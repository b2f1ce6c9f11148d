import { MAX_FILE_BYTES } from '../../../../shared/limits';
import type { ConfinedFolder } from '../../platform/confinedFolder';
import type { Workspace, WorkspaceFolder } from './workspace';

const SEEDED_MARKER = '.briefdesk/seeded.json';
const SEEDED_FOLDERS: ReadonlyArray<{ folder: WorkspaceFolder; suffix: string; maxBytes: number }> = [
  { folder: 'sources', suffix: '.source.json', maxBytes: MAX_FILE_BYTES.source },
  { folder: 'facts', suffix: '.facts.json', maxBytes: MAX_FILE_BYTES.catalogue },
  { folder: 'briefs', suffix: '.brief.json', maxBytes: MAX_FILE_BYTES.brief },
];

async function namesIn(files: ConfinedFolder, folder: string): Promise<string[]> {
  return (await files.listIfPresent(folder)).map((entry) => entry.name).filter((name) => !name.startsWith('.'));
}

/**
 * First run: an empty workspace gets the bundled sample source, fact catalogue and sample brief. Seeding happens
 * once per workspace (a marker in `.briefdesk/`, created exclusively so a planted marker or symlink is never
 * written through), so what the analyst deletes later stays deleted.
 */
export async function seedWorkspace(workspace: Workspace, resources: ConfinedFolder): Promise<string[]> {
  if (workspace.readOnly || (await workspace.files.kind(SEEDED_MARKER)) !== undefined) return [];
  const existing = await Promise.all(SEEDED_FOLDERS.map(({ folder }) => namesIn(workspace.files, folder)));
  const copied: string[] = [];
  if (existing.every((names) => names.length === 0)) {
    for (const { folder, suffix, maxBytes } of SEEDED_FOLDERS) {
      for (const name of (await namesIn(resources, folder)).filter((n) => n.endsWith(suffix))) {
        const bytes = await resources.read(`${folder}/${name}`, { maxBytes, what: `The bundled file ${name}` });
        await workspace.files.write(workspace.file(folder, name), bytes, `The sample file ${name}`);
        copied.push(`${folder}/${name}`);
      }
    }
  }
  await workspace.files.createExclusive(SEEDED_MARKER, `${JSON.stringify({ seededAt: new Date().toISOString(), copied }, null, 2)}\n`);
  return copied;
}
