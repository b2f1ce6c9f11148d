import { execFile } from 'node:child_process';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../../electron/host/cli';
import { tempDir } from '../../support/tempWorkspace';
import { repoRoot, testContainer } from '../../support/testContainer';

const run = promisify(execFile);
const resourcesPath = join(repoRoot, 'resources');

interface CliRun {
  code: number;
  out: string[];
  err: string[];
}

/** The command line in this process, over a real workspace folder and the real services (headless). */
async function cli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { resourcesPath, version: '0.0.0-test', write: (line) => out.push(line), writeError: (line) => err.push(line), env: {} });
  return { code, out, err };
}

let env: Awaited<ReturnType<typeof testContainer>>;
let outDir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  // A seeded workspace: the bundled sample brief, facts and source, as the app makes it on first start.
  env = await testContainer();
  outDir = await tempDir('briefdesk-cli-out-');
  await env.container.dispatcher.dispatch('briefs.create', { title: 'Twin', template: 'blank' });
  await env.container.dispatcher.dispatch('briefs.create', { title: 'Twin', template: 'blank' });
});

afterAll(async () => {
  await env.dispose();
  await outDir.dispose();
});

describe('npm run export: each format', () => {
  it('writes Markdown with one footnote definition per cited fact, by brief id', async () => {
    const out = join(outDir.path, 'sample.md');
    const result = await cli('export', 'hanoi-summit-sample', '--format', 'md', '--out', out, '--workspace', env.workspacePath);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(EXIT.ok);
    expect(result.out.join('\n')).toContain(out);
    const markdown = await readFile(out, 'utf8');
    expect(markdown).toContain('Hanoi summit ends without a deal');
    expect(markdown).toMatch(/^\[\^1\]: /m);
  });

  it('finds a brief by its title in any case, and by its file', async () => {
    const byTitle = await cli('export', 'HANOI SUMMIT ENDS WITHOUT A DEAL', '--format', 'html', '--out', join(outDir.path, 'by-title.html'), '--workspace', env.workspacePath);
    expect(byTitle.code).toBe(EXIT.ok);
    expect(await readFile(join(outDir.path, 'by-title.html'), 'utf8')).not.toMatch(/<script/i);
    const file = join(env.workspacePath, 'briefs', 'hanoi-summit-sample.brief.json');
    const byFile = await cli('export', file, '--format', 'docx', '--out', join(outDir.path, 'by-file.docx'), '--workspace', env.workspacePath);
    expect(byFile.code).toBe(EXIT.ok);
    expect((await readFile(join(outDir.path, 'by-file.docx'))).subarray(0, 2).toString()).toBe('PK');
  });

  it('exports a brief file from outside the workspace', async () => {
    const elsewhere = join(outDir.path, 'elsewhere');
    await mkdir(elsewhere);
    await writeFile(join(elsewhere, 'copy.brief.json'), await readFile(join(env.workspacePath, 'briefs', 'hanoi-summit-sample.brief.json')));
    const result = await cli('export', join(elsewhere, 'copy.brief.json'), '--format', 'md', '--out', join(outDir.path, 'copy.md'), '--workspace', env.workspacePath);
    expect(result.code).toBe(EXIT.ok);
  });

  it('prints a PDF through Chromium, as its own process with the exit code of the real command', async () => {
    const out = join(outDir.path, 'sample.pdf');
    await run(process.execPath, ['scripts/build-host.mjs'], { cwd: repoRoot });
    const { stdout } = await run(process.execPath, ['out/host/cli.js', 'export', 'hanoi-summit-sample', '--format', 'pdf', '--notes', 'end', '--paper', 'letter', '--out', out, '--workspace', env.workspacePath], { cwd: repoRoot });
    expect(stdout).toContain(out);
    const info = (await run('pdfinfo', [out])).stdout;
    expect(info).toMatch(/Page size:\s+612 x 792/);
    expect(info).toMatch(/Title:\s+Hanoi summit ends without a deal/);
    expect((await run('pdftotext', [out, '-'])).stdout).toContain('Hanoi summit ends without a deal');
  }, 120_000);
});

describe('npm run export: errors, each with its exit code and nothing written', () => {
  const outputs = async (): Promise<string[]> => (await readdir(outDir.path)).filter((name) => name.startsWith('err-'));

  it('refuses an unknown brief', async () => {
    const result = await cli('export', 'no-such-brief', '--format', 'md', '--out', join(outDir.path, 'err-unknown.md'), '--workspace', env.workspacePath);
    expect(result.code).toBe(EXIT.briefNotFound);
    expect(result.err.join('\n')).toMatch(/No brief .* “no-such-brief”/);
  });

  it('refuses an ambiguous title, naming the briefs it could mean', async () => {
    const result = await cli('export', 'twin', '--format', 'md', '--out', join(outDir.path, 'err-twin.md'), '--workspace', env.workspacePath);
    expect(result.code).toBe(EXIT.briefNotFound);
    expect(result.err.join('\n')).toMatch(/“twin” is the title of 2 briefs \([^,]+, [^)]+\): name one by its id/);
  });

  it('refuses a damaged brief', async () => {
    await writeFile(join(env.workspacePath, 'briefs', 'broken.brief.json'), '{"schemaVersion": 1, "id": "broken"');
    const result = await cli('export', 'broken', '--format', 'md', '--out', join(outDir.path, 'err-broken.md'), '--workspace', env.workspacePath);
    expect(result.code).toBe(EXIT.briefDamaged);
    expect(result.err.join('\n')).toMatch(/broken cannot be exported/);
  });

  it('refuses a path it cannot write, and an existing file unless --force', async () => {
    await writeFile(join(outDir.path, 'err-a-file'), 'not a folder');
    const inFile = await cli('export', 'hanoi-summit-sample', '--format', 'md', '--out', join(outDir.path, 'err-a-file', 'x.md'), '--workspace', env.workspacePath);
    expect(inFile.code).toBe(EXIT.notWritten);
    const existing = join(outDir.path, 'err-existing.md');
    await writeFile(existing, 'keep me');
    const refused = await cli('export', 'hanoi-summit-sample', '--format', 'md', '--out', existing, '--workspace', env.workspacePath);
    expect(refused.code).toBe(EXIT.notWritten);
    expect(refused.err.join('\n')).toMatch(/exists already/);
    expect(await readFile(existing, 'utf8')).toBe('keep me');
    const forced = await cli('export', 'hanoi-summit-sample', '--format', 'md', '--out', existing, '--workspace', env.workspacePath, '--force');
    expect(forced.code).toBe(EXIT.ok);
    expect(await readFile(existing, 'utf8')).toContain('Hanoi summit');
  });

  it('says which package to install when Chromium is missing, and writes nothing', async () => {
    const out = join(outDir.path, 'err-no-chromium.pdf');
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = join(outDir.path, 'no-chromium-here');
    try {
      const result = await cli('export', 'hanoi-summit-sample', '--format', 'pdf', '--out', out, '--workspace', env.workspacePath);
      expect(result.code).toBe(EXIT.unavailable);
      expect(result.err.join('\n')).toMatch(/apt-get install chromium/);
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    await expect(stat(out)).rejects.toThrow();
  });

  it('refuses bad flags and a book in Markdown with a usage error', async () => {
    expect((await cli('export', 'hanoi-summit-sample', '--format', 'rtf', '--out', join(outDir.path, 'err-x.rtf'), '--workspace', env.workspacePath)).code).toBe(EXIT.usage);
    expect((await cli('export', 'hanoi-summit-sample', '--format', 'md', '--workspace', env.workspacePath)).code).toBe(EXIT.usage);
    expect((await cli('export', '--format', 'md', '--out', join(outDir.path, 'err-none.md'), '--workspace', env.workspacePath)).code).toBe(EXIT.usage);
    expect((await cli('frobnicate')).code).toBe(EXIT.usage);
    const book = await cli('export', 'hanoi-summit-sample', 'hanoi-summit-sample', '--format', 'md', '--out', join(outDir.path, 'err-book.md'), '--workspace', env.workspacePath);
    expect(book.code).not.toBe(EXIT.ok);
    expect(book.err.join('\n')).toMatch(/book is made as PDF or Word/);
  });

  it('refuses a workspace folder that does not exist, and never creates it', async () => {
    const missing = join(outDir.path, 'err-no-workspace');
    const result = await cli('export', 'hanoi-summit-sample', '--format', 'md', '--out', join(outDir.path, 'err-nows.md'), '--workspace', missing);
    expect(result.code).not.toBe(EXIT.ok);
    await expect(stat(missing)).rejects.toThrow();
  });

  it('left no file behind for any refusal', async () => {
    // Only the two files the tests made themselves; no export, no temp file.
    expect((await outputs()).sort()).toEqual(['err-a-file', 'err-existing.md']);
  });
});

describe('npm run import', () => {
  it('imports a file as a source and prints the proposed facts, as JSON with --json; the same file again is a duplicate', async () => {
    const file = join(outDir.path, 'Seoul notes.txt');
    await writeFile(file, 'Seoul notes\nPresident Moon Jae-in said "we will keep talking" in Seoul on Monday.\n');
    const first = await cli('import', file, '--workspace', env.workspacePath, '--json');
    expect(first.code).toBe(EXIT.ok);
    const outcome = JSON.parse(first.out.join('\n')) as { outcome: string; sourceId: string; proposals: Array<{ label: string; kind: string; speaker?: string; match?: { factId: string } }> };
    expect(outcome.outcome).toBe('added');
    expect(outcome.proposals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Seoul', kind: 'place' }),
        expect.objectContaining({ kind: 'quotation', speaker: 'Moon Jae-in' }),
        expect.objectContaining({ match: { factId: 'moon-jae-in', label: 'Moon Jae-in' } }),
      ]),
    );
    const again = await cli('import', file, '--workspace', env.workspacePath);
    expect(again.code).toBe(EXIT.ok);
    expect(again.out[0]).toMatch(/already in the workspace as “Seoul notes”/);
  });

  it('reports a changed version with what moved, and takes it with --replace', async () => {
    const file = join(outDir.path, 'Seoul notes.txt');
    await writeFile(file, 'Seoul notes\nPresident Moon Jae-in said "we will keep talking" in Seoul on Monday.\nA second paragraph was added.\n');
    const changed = await cli('import', file, '--workspace', env.workspacePath);
    expect(changed.code).toBe(EXIT.ok);
    expect(changed.out[0]).toMatch(/changed version of “Seoul notes”/);
    const replaced = await cli('import', file, '--workspace', env.workspacePath, '--replace');
    expect(replaced.out[0]).toMatch(/Replaced “Seoul notes”/);
  });

  it('refuses a missing file, a damaged one and an unknown format with their exit codes', async () => {
    expect((await cli('import', join(outDir.path, 'nowhere.txt'), '--workspace', env.workspacePath)).code).toBe(EXIT.briefNotFound);
    await writeFile(join(outDir.path, 'broken.pdf'), '%PDF-1.7 not a pdf');
    const broken = await cli('import', join(outDir.path, 'broken.pdf'), '--workspace', env.workspacePath);
    expect(broken.code).toBe(EXIT.briefDamaged);
    expect(broken.err.join('\n')).toMatch(/broken\.pdf could not be read as a PDF/);
    await writeFile(join(outDir.path, 'notes.docx'), 'x');
    expect((await cli('import', join(outDir.path, 'notes.docx'), '--workspace', env.workspacePath)).code).not.toBe(EXIT.ok);
    expect((await cli('import', '--workspace', env.workspacePath)).code).toBe(EXIT.usage);
  });
});
