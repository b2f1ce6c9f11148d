import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, temporaryFolder, test as base } from './support/fixtures';

/**
 * The Export dialog in browser mode, against the real host: the file arrives as a browser download, and is read
 * back with the tools an analyst's colleague would open it with (poppler for PDF, the DOCX's own XML parts).
 */

const run = promisify(execFile);
const test = base.extend<{ downloads: string }>({ downloads: temporaryFolder('briefdesk-downloads-') });

const SAMPLE_TITLE = 'Hanoi summit ends without a deal';

async function editorReady(page: Page): Promise<void> {
  await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
}

async function openExport(page: Page, name: 'Export brief' | 'Export briefing book'): Promise<Locator> {
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Clicks Export and saves the download the browser receives into `folder`; answers its path. */
async function exportDownload(page: Page, dialog: Locator, folder: string): Promise<string> {
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  await expect(dialog).toBeHidden();
  const file = await download;
  const path = join(folder, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

/** pdftotext's words with every run of white space (line ends, the gaps of justified text) as one space. */
async function pdfText(path: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', path, '-']);
  return stdout.replace(/\s+/g, ' ');
}

async function docxPart(path: string, part: string): Promise<string> {
  const { stdout } = await run('unzip', ['-p', path, part], { maxBuffer: 32 * 1024 * 1024 });
  return stdout;
}

test.describe('export', () => {
  test.setTimeout(180_000);

  test('the sample brief as PDF with footnotes: a tagged PDF with its title, a note quoting its source and page numbers', async ({ app, downloads, pageProblems }) => {
    await editorReady(app);
    await expect(app.locator('.bd-brief-heading')).toHaveText(SAMPLE_TITLE);
    const dialog = await openExport(app, 'Export brief');
    await expect(dialog.getByLabel('Format')).toBeFocused();
    await dialog.getByLabel('Format').selectOption('pdf');
    await dialog.getByLabel('Notes').selectOption('foot');
    await expect(dialog.getByLabel('File name')).toHaveValue(SAMPLE_TITLE);
    await expect(dialog.getByText('.pdf', { exact: true })).toBeVisible();

    const path = await exportDownload(app, dialog, downloads);
    expect(path.endsWith(`${SAMPLE_TITLE}.pdf`)).toBe(true);
    const text = await pdfText(path);
    expect(text).toContain(SAMPLE_TITLE);
    // The note of the brief's first reference to Donald Trump, with the exact words of the source behind it.
    expect(text).toMatch(/Donald Trump: .*“President Trump\.”/);
    expect(text).toContain('Page 1 of');
    const { stdout: info } = await run('pdfinfo', [path]);
    expect(info).toMatch(/^Tagged:\s+yes$/m);
    await expect(app.getByRole('region', { name: 'Notifications' })).toContainText(`Exported “${SAMPLE_TITLE}.pdf”`);
    expect(pageProblems).toEqual([]);
  });

  test('as Word, with real footnotes; the dialog remembers the format after the page is opened again', async ({ app, page, host, downloads, pageProblems }) => {
    await editorReady(app);
    const dialog = await openExport(app, 'Export brief');
    await dialog.getByLabel('Format').selectOption('docx');
    await dialog.getByLabel('Notes').selectOption('foot');
    await expect(dialog.getByText('.docx', { exact: true })).toBeVisible();
    const path = await exportDownload(app, dialog, downloads);
    expect(path.endsWith(`${SAMPLE_TITLE}.docx`)).toBe(true);
    expect(await docxPart(path, 'word/document.xml')).toContain(SAMPLE_TITLE);
    expect(await docxPart(path, 'word/footnotes.xml')).toContain('“President Trump.”');

    await openApp(page, host.url);
    await editorReady(page);
    const again = await openExport(page, 'Export brief');
    await expect(again.getByLabel('Format')).toHaveValue('docx');
    await expect(again.getByLabel('Notes')).toHaveValue('foot');
    await page.keyboard.press('Escape');
    await expect(again).toBeHidden();
    expect(pageProblems).toEqual([]);
  });

  test('a book of two briefs selected with Ctrl+click: refused as Markdown with the dialog kept open, then made as PDF with both titles', async ({ app, downloads, pageProblems }) => {
    await editorReady(app);
    await app.getByRole('button', { name: 'New brief' }).first().click();
    await editorReady(app);
    await app.locator('.bd-editor').click();
    await app.keyboard.type('# Sanctions relief outlook');
    await app.keyboard.press('Enter');
    await app.keyboard.type('Relief stays unlikely before Yongbyon is dismantled.');
    await app.keyboard.press('Control+s');
    await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');

    const list = app.getByRole('listbox', { name: 'Briefs' });
    const sample = list.getByRole('option', { name: new RegExp(SAMPLE_TITLE) });
    const added = list.getByRole('option', { name: /Sanctions relief outlook/ });
    await expect(added).toHaveAttribute('aria-selected', 'true');
    await expect(sample).toHaveAttribute('aria-selected', 'false');
    await sample.click({ modifiers: ['ControlOrMeta'] });
    await expect(sample).toHaveAttribute('aria-selected', 'true');
    // Ctrl+click selects without opening: the brief being written stays open.
    await expect(app.locator('.bd-brief-heading')).toHaveText('Sanctions relief outlook');

    const dialog = await openExport(app, 'Export briefing book');
    await expect(dialog.getByRole('group', { name: /Briefs in the book/ }).getByRole('listitem')).toHaveText([/Sanctions relief outlook/, new RegExp(SAMPLE_TITLE)]);
    await expect(dialog.getByLabel('File name')).toHaveValue('Briefing book');
    await dialog.getByLabel('Format').selectOption('md');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText(/PDF|Word/);
    await expect(dialog).toBeVisible();

    await dialog.getByLabel('Format').selectOption('pdf');
    const path = await exportDownload(app, dialog, downloads);
    expect(path.endsWith('Briefing book.pdf')).toBe(true);
    const text = await pdfText(path);
    expect(text).toContain('Sanctions relief outlook');
    expect(text).toContain(SAMPLE_TITLE);
    expect(pageProblems).toEqual([]);
  });

  test.describe('with autosave off', () => {
    // Only the save before the export can put the edits on disk (autosave would do it after a second otherwise).
    test.use({ preferences: { autosave: false } });

    test('edits typed just before exporting are saved first and are in the file', async ({ app, downloads, pageProblems }) => {
      await editorReady(app);
      await app.locator('.bd-editor').click();
      await app.keyboard.press('Control+End');
      await app.keyboard.press('Enter');
      await app.keyboard.type('A line typed a moment before the export.');
      await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'unsaved');
      const dialog = await openExport(app, 'Export brief');
      await dialog.getByLabel('Format').selectOption('md');
      await expect(dialog.getByLabel('Notes')).toBeDisabled();
      await expect(dialog.getByText('Markdown always puts the notes at the end.')).toBeVisible();
      const path = await exportDownload(app, dialog, downloads);
      expect(path.endsWith(`${SAMPLE_TITLE}.md`)).toBe(true);
      expect(await readFile(path, 'utf8')).toContain('A line typed a moment before the export.');
      await expect(app.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
      expect(pageProblems).toEqual([]);
    });
  });
});
