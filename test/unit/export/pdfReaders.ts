import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PDF read back with the real readers a recipient would use: poppler's pdftotext and pdfinfo, mupdf's mutool and
 * qpdf. Each written to a temp file once; `dispose` removes it.
 */
export interface ReadPdf {
  path: string;
  info: Record<string, string>;
  pageCount: number;
  /** pdftotext -layout of one page (1-based). */
  page(number: number): string;
  pages: string[];
  outline: string;
  /** The tag tree with its text (pdfinfo -struct-text). */
  structure: string;
  qpdfCheck: { ok: boolean; output: string };
}

async function tool(command: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { maxBuffer: 64 * 1024 * 1024 });
    return { ok: true, stdout, stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf & { dispose(): Promise<void> }> {
  const folder = await mkdtemp(join(tmpdir(), 'briefdesk-pdf-'));
  const path = join(folder, 'out.pdf');
  await writeFile(path, bytes);
  const infoText = (await tool('pdfinfo', [path])).stdout;
  const info = Object.fromEntries(
    infoText
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!.trim(), match[2]!.trim()]),
  );
  const pageCount = Number(info.Pages);
  const pages = await Promise.all(
    Array.from({ length: pageCount }, async (_, index) => (await tool('pdftotext', ['-layout', '-f', String(index + 1), '-l', String(index + 1), path, '-'])).stdout),
  );
  const [outline, structure, qpdf] = await Promise.all([
    tool('mutool', ['show', path, 'outline']),
    tool('pdfinfo', ['-struct-text', path]),
    tool('qpdf', ['--check', path]),
  ]);
  return {
    path,
    info,
    pageCount,
    pages,
    page: (number) => pages[number - 1] ?? '',
    outline: outline.stdout,
    structure: structure.stdout,
    qpdfCheck: { ok: qpdf.ok, output: qpdf.stdout + qpdf.stderr },
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}

/** The non-empty lines of a page's text, trimmed. */
export function linesOf(pageText: string): string[] {
  return pageText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The page size in points, from pdfinfo's "594.96 x 841.92 pts (A4)". */
export function pageSize(info: Record<string, string>): { width: number; height: number } {
  const match = /([\d.]+) x ([\d.]+) pts/.exec(info['Page size'] ?? '');
  return { width: Number(match?.[1]), height: Number(match?.[2]) };
}
