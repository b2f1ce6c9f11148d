import { resolve } from 'node:path';
import { ConfinedFolder } from './platform/confinedFolder';

/**
 * The Briefdesk checkout the Node host runs from (browser mode, the command line): two folders up from this module,
 * both as source (electron/host/) and bundled (out/host/), and the version its package.json gives.
 */
export async function packageInfo(): Promise<{ repoRoot: string; version: string }> {
  const repoRoot = resolve(import.meta.dirname, '..', '..');
  const repo = await ConfinedFolder.open(repoRoot, { what: 'The Briefdesk folder' });
  const { version } = JSON.parse((await repo.read('package.json', { maxBytes: 1024 * 1024, what: 'package.json' })).toString('utf8')) as { version: string };
  return { repoRoot, version };
}
