import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportDesktop } from '../../../electron/host/services/export/exportService';
import type { JobFinished } from '../../../shared/contract/jobs';
import { tempDir } from '../../support/tempWorkspace';
import { testContainer } from '../../support/testContainer';

const MD = { format: 'md', notes: 'end', paper: 'A4', includeSources: true } as const;

type Env = Awaited<ReturnType<typeof testContainer>>;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function environment(desktop?: ExportDesktop): Promise<Env> {
  const env = await testContainer(desktop ? { mode: 'desktop', exportDesktop: desktop } : {});
  cleanups.push(env.dispose);
  return env;
}

async function call<T>(env: Env, method: string, arg: unknown): Promise<T> {
  const result = await env.container.dispatcher.dispatch(method, arg);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

async function refusal(env: Env, method: string, arg: unknown): Promise<{ code: string; message: string }> {
  const result = await env.container.dispatcher.dispatch(method, arg);
  if (result.ok) throw new Error(`${method} was not refused`);
  return result.error;
}

describe('export through the contract, in browser mode', () => {
  it('runs as a job and keeps the file for the download, with its name and type', async () => {
    const env = await environment();
    const started = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: MD, fileName: 'Hanoi brief' });
    const finished = await env.container.jobs.settled(started.jobId);
    expect(finished).toMatchObject({ outcome: 'done', message: expect.stringMatching(/ready to download as Hanoi brief\.md/) });
    const result = await call<{ fileName: string; mimeType: string; byteLength: number; path?: string }>(env, 'export.result', started);
    expect(result).toMatchObject({ fileName: 'Hanoi brief.md', mimeType: 'text/markdown; charset=utf-8', notices: [] });
    expect(result.path).toBeUndefined();
    const download = await call<{ base64: string }>(env, 'export.download', started);
    const bytes = Buffer.from(download.base64, 'base64');
    expect(bytes.byteLength).toBe(result.byteLength);
    const markdown = bytes.toString('utf8');
    expect(markdown).toContain('Hanoi summit ends without a deal');
    // Nothing was written into the workspace or anywhere else for a download.
    expect((await readdir(env.workspacePath)).sort()).toEqual(['.briefdesk', 'annotations', 'briefs', 'facts', 'sources']);
  });

  it('refuses at once what cannot be made: a book in Markdown, an unknown brief as a failed job, reveal in a browser', async () => {
    const env = await environment();
    const book = await refusal(env, 'export.start', { briefIds: ['hanoi-summit-sample', 'hanoi-summit-sample'], options: MD, fileName: 'Book' });
    expect(book).toMatchObject({ code: 'refused', message: expect.stringMatching(/book is made as PDF or Word/) });
    const badName = await refusal(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: MD, fileName: '../escape' });
    expect(badName.code).toBe('invalid_argument');
    const unknown = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['no-such-brief'], options: MD, fileName: 'x' });
    const finished = await env.container.jobs.settled(unknown.jobId);
    expect(finished).toMatchObject({ outcome: 'failed', error: { code: 'not_found' } });
    expect((await refusal(env, 'export.result', unknown)).code).toBe('not_found');
    const done = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: MD, fileName: 'y' });
    await env.container.jobs.settled(done.jobId);
    expect((await refusal(env, 'export.reveal', { jobId: done.jobId, how: 'open' })).code).toBe('refused');
  });

  it('a cancelled export leaves nothing to download', async () => {
    const env = await environment();
    const started = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: { ...MD, format: 'docx' }, fileName: 'z' });
    await call(env, 'jobs.cancel', started);
    const finished: JobFinished = await env.container.jobs.settled(started.jobId);
    expect(finished.outcome).toBe('cancelled');
    expect((await refusal(env, 'export.download', started)).code).toBe('not_found');
  });
});

describe('export in the desktop app', () => {
  // The save dialog and the file opener are Electron's (electron/main/exportFiles.ts), which cannot run here: these
  // stand-ins answer as the dialog would and record what would have been opened.
  async function desktopEnvironment(answer: (suggested: string) => string | undefined) {
    const out = await tempDir('briefdesk-export-');
    cleanups.push(out.dispose);
    const asked: string[] = [];
    const revealed: string[] = [];
    const env = await environment({
      chooseExportPath: async (suggested) => {
        asked.push(suggested);
        const name = answer(suggested);
        return name ? join(out.path, name) : undefined;
      },
      revealFile: async (path, how) => void revealed.push(`${how} ${path}`),
    });
    return { env, out: out.path, asked, revealed };
  }

  it('asks where to save, writes the file atomically there, and opens or shows it', async () => {
    const { env, out, asked, revealed } = await desktopEnvironment((suggested) => suggested);
    const started = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: { ...MD, format: 'html' }, fileName: 'Hanoi brief' });
    expect(asked).toEqual(['Hanoi brief.html']);
    await env.container.jobs.settled(started.jobId);
    const path = join(out, 'Hanoi brief.html');
    expect(await call(env, 'export.result', started)).toMatchObject({ path, fileName: 'Hanoi brief.html' });
    expect(await readFile(path, 'utf8')).toContain('Hanoi summit ends without a deal');
    expect(await readdir(out)).toEqual(['Hanoi brief.html']);
    await call(env, 'export.reveal', { jobId: started.jobId, how: 'showInFolder' });
    expect(revealed).toEqual([`showInFolder ${path}`]);
    expect((await refusal(env, 'export.download', started)).code).toBe('refused');
  });

  it('replaces a file the dialog confirmed, and starts nothing when the dialog is cancelled', async () => {
    const { env, out } = await desktopEnvironment(() => 'existing.md');
    await writeFile(join(out, 'existing.md'), 'old');
    const started = await call<{ jobId: string }>(env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: MD, fileName: 'existing' });
    expect((await env.container.jobs.settled(started.jobId)).outcome).toBe('done');
    expect(await readFile(join(out, 'existing.md'), 'utf8')).toContain('Hanoi summit');

    const cancelled = await desktopEnvironment(() => undefined);
    expect(await call(cancelled.env, 'export.start', { briefIds: ['hanoi-summit-sample'], options: MD, fileName: 'n' })).toBeNull();
    expect(await readdir(cancelled.out)).toEqual([]);
  });
});
