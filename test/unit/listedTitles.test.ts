import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResultEnvelope } from '../../shared/contract/index';
import type { BriefSummary } from '../../shared/model/brief';
import { testContainer } from '../support/testContainer';

/** The trash and the damaged-file list show a brief's title where its file names one, never a bare id or file name. */

const envs: Array<Awaited<ReturnType<typeof testContainer>>> = [];
afterEach(async () => {
  await Promise.all(envs.splice(0).map((env) => env.dispose()));
});

function ok<T>(result: ResultEnvelope): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('titles in lists', () => {
  it('the trash lists a deleted brief by its title', async () => {
    const env = await testContainer();
    envs.push(env);
    const { dispatcher } = env.container;
    const brief = ok<{ id: string }>(await dispatcher.dispatch('briefs.create', { title: 'Sanctions outlook' }));
    ok(await dispatcher.dispatch('briefs.delete', { id: brief.id }));
    const trash = ok<{ entries: Array<{ briefId: string; title?: string }> }>(await dispatcher.dispatch('briefs.listTrash', undefined));
    expect(trash.entries.find((entry) => entry.briefId === brief.id)?.title).toBe('Sanctions outlook');
  });

  it('a damaged brief is listed by the title it names, with its file name; one naming none by its file name', async () => {
    const env = await testContainer();
    envs.push(env);
    const folder = join(env.workspacePath, 'briefs');
    await writeFile(join(folder, 'half-written.brief.json'), '{ "schemaVersion": 1, "id": "half-written", "title": "Yongbyon talks", "revision": ');
    await writeFile(join(folder, 'no-title.brief.json'), '{ "schemaVersion": 1, "id": ');
    await writeFile(join(folder, 'hostile.brief.json'), `{ "title": "Bad\\u0007 ${'x'.repeat(390)}", `);
    const listed = ok<BriefSummary[]>(await env.container.dispatcher.dispatch('briefs.list', undefined));
    const byId = new Map(listed.map((summary) => [summary.id, summary]));
    expect(byId.get('half-written')).toMatchObject({ title: 'Yongbyon talks', fileName: 'half-written.brief.json', damaged: expect.any(String) });
    expect(byId.get('no-title')).toMatchObject({ title: 'no-title.brief.json', damaged: expect.any(String) });
    const hostile = byId.get('hostile')!;
    expect(hostile.title.startsWith('Bad  x')).toBe(true);
    expect(hostile.title.length).toBeLessThanOrEqual(200);
    expect([...hostile.title].every((char) => char.charCodeAt(0) >= 0x20)).toBe(true);
  });

  it('a symbolic link is never read for a title: it is listed by its name with the reason', async () => {
    const env = await testContainer();
    envs.push(env);
    const outside = join(env.configDir, 'secret.json');
    await writeFile(outside, '{ "title": "Secret title from outside the workspace" }');
    await symlink(outside, join(env.workspacePath, 'briefs', 'linked.brief.json'));
    const listed = ok<BriefSummary[]>(await env.container.dispatcher.dispatch('briefs.list', undefined));
    const linked = listed.find((summary) => summary.id === 'linked');
    expect(linked?.damaged).toBeDefined();
    expect(linked?.title).not.toContain('Secret');
  });
});
