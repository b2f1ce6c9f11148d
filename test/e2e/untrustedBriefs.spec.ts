import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, openApp, temporaryFolder, test as hostTest } from './support/fixtures';
import { blockTexts, readBrief } from './support/briefFiles';
import { node, writeBriefFile } from './support/writtenBriefs';

/** `elsewhere`: a second temp folder beside the workspace, for what must not live inside it. */
const test = hostTest.extend<{ elsewhere: string }>({ elsewhere: temporaryFolder('briefdesk-e2e-elsewhere-') });

const editor = (page: Page) => page.locator('.bd-editor[data-ready="true"]');

async function filesIn(folder: string): Promise<string[]> {
  return readdir(folder).catch(() => []);
}

/** All the text under a serialized node, links included. */
function textUnder(serialized: { text?: unknown; children?: unknown }): string {
  if (typeof serialized.text === 'string') return serialized.text;
  return Array.isArray(serialized.children) ? serialized.children.map(textUnder).join('') : '';
}

test.describe(() => {
  let original: Buffer;
  test.use({
    bundledSamples: false,
    seedWorkspace: async ({ workspace }, use) => {
      const state = node.root(
        node.paragraph(node.text('Before the image.')),
        { type: 'image', version: 1, src: 'http://127.0.0.1:9/photo.png', altText: 'A photo', width: 400, height: 300 },
        node.paragraph(node.text('After the image.')),
      );
      original = await writeBriefFile(workspace, 'field-report', 'Field report', state);
      await use();
    },
  });

  test('a brief with a node type this version does not have opens read-only, is never written, and can be copied without it', async ({ app, workspace, pageProblems }) => {
    const file = join(workspace, 'briefs', 'field-report.brief.json');
    await expect(editor(app)).toBeVisible();
    await expect(app.getByRole('status').filter({ hasText: 'cannot show' }).first()).toHaveText(
      /This brief contains content this version of Briefdesk cannot show \(image\)\. Nothing will be changed\./,
    );
    await expect(editor(app).locator('p')).toHaveText(['Before the image.', '[content this version cannot show: image]', 'After the image.']);
    await expect(editor(app)).toHaveAttribute('contenteditable', 'false');
    await expect(app.getByRole('toolbar', { name: 'Formatting' })).toHaveCount(0);

    await editor(app).click();
    await app.keyboard.type('typed over');
    await app.keyboard.press('Enter');
    await app.keyboard.press('Backspace');
    await app.keyboard.press('Control+s');
    await expect(editor(app).locator('p')).toHaveText(['Before the image.', '[content this version cannot show: image]', 'After the image.']);
    await expect(app.locator('[data-status]')).toHaveText('Read-only: not saved, this brief has content this version cannot show');
    // Longer than the idle delay of backup and autosave (one second).
    await app.waitForTimeout(2500);
    expect((await readFile(file)).equals(original)).toBe(true);
    expect(await filesIn(join(workspace, '.briefdesk', 'backups'))).toEqual([]);
    expect(await filesIn(join(workspace, '.briefdesk', 'history', 'field-report'))).toEqual([]);

    await app.getByRole('button', { name: 'Duplicate without the unknown parts' }).click();
    await expect(app.locator('.bd-editor[contenteditable="true"]')).toBeVisible();
    await expect(app.getByText('cannot show')).toHaveCount(0);
    await expect(app.locator('.bd-brief-heading')).toHaveText('Field report (without unknown content)');
    const names = await readdir(join(workspace, 'briefs'));
    expect(names).toHaveLength(2);
    const copy = await readBrief(workspace, names.find((name) => name !== 'field-report.brief.json')!);
    expect(blockTexts(copy)).toEqual(['Before the image.', 'After the image.']);
    expect(JSON.stringify(copy.editorState)).not.toContain('image"');
    expect((await readFile(file)).equals(original)).toBe(true);
    expect(pageProblems).toEqual([]);
  });
});

test.describe(() => {
  test.use({
    bundledSamples: false,
    seedWorkspace: async ({ workspace }, use) => {
      const OVERLAY = 'position:fixed;inset:0;z-index:9999;background:url(http://127.0.0.1:9/overlay.png);color:transparent';
      await writeBriefFile(
        workspace,
        'styled',
        'Styled',
        node.root(
          node.paragraph(
            node.text('Covered by an overlay. ', { style: OVERLAY }),
            node.link('https://example.org/source', { target: '_top', rel: 'opener' }, node.text('the source')),
            node.text(' and a picture', { style: 'background-image:url(http://127.0.0.1:9/picture.png);padding:200px' }),
          ),
        ),
      );
      await use();
    },
  });

  test('a brief written with inline CSS, an opener link and an external background image shows none of them and saves none of them', async ({ page, host, workspace, pageProblems }) => {
    const requested: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith('http://127.0.0.1:9/')) requested.push(request.url());
    });
    await openApp(page, host.url);
    await expect(editor(page)).toBeVisible();
    await expect(editor(page)).toHaveAttribute('contenteditable', 'true');
    const looks = await editor(page).evaluate((root) =>
      [...root.querySelectorAll<HTMLElement>('span, a')].map((element) => {
        const style = getComputedStyle(element);
        return { text: element.textContent, style: element.getAttribute('style'), position: style.position, background: style.backgroundImage, padding: style.paddingTop };
      }),
    );
    for (const look of looks) expect(look, look.text ?? '').toMatchObject({ style: null, position: 'static', background: 'none', padding: '0px' });
    const link = editor(page).locator('a');
    await expect(link).toHaveAttribute('href', 'https://example.org/source');
    expect(await link.evaluate((a) => [a.getAttribute('target'), a.getAttribute('rel')])).toEqual([null, null]);

    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('. Edited.');
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-status]')).toHaveAttribute('data-status', 'saved');
    const saved = await readBrief(workspace, 'styled.brief.json');
    const [paragraph] = saved.editorState.root.children;
    expect(textUnder(paragraph!)).toBe('Covered by an overlay. the source and a picture. Edited.');
    const json = JSON.stringify(saved.editorState);
    for (const marker of ['position', 'background', 'padding', '_top', 'opener', '127.0.0.1']) expect(json, marker).not.toContain(marker);
    const [covered, source, picture] = paragraph!.children;
    expect([covered?.style, picture?.style]).toEqual(['', '']);
    expect([source?.type, source?.target, source?.rel]).toEqual(['link', null, null]);
    expect(requested).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});

test.describe(() => {
  let original: Buffer;
  test.use({
    configDir: async ({ elsewhere }, use) => use(join(elsewhere, 'config')),
    // The host refuses to write through a .briefdesk/ that is a symbolic link and opens the workspace read-only
    // (test/unit/hostileWorkspace.test.ts): a read-only workspace that needs no read-only mount, which root would ignore.
    seedWorkspace: async ({ workspace, elsewhere }, use) => {
      await mkdir(join(elsewhere, 'meta'));
      await symlink(join(elsewhere, 'meta'), join(workspace, '.briefdesk'));
      original = await writeBriefFile(workspace, 'notes', 'Notes', node.root(node.paragraph(node.text('Ordinary text.'))));
      await use();
    },
  });

  test('in a workspace the host opens read-only, every brief opens read-only and the renderer never asks to save or back up', async ({ page, host, workspace }) => {
    const writes: string[] = [];
    page.on('request', (request) => {
      if (/\/rpc\/(briefs\.(save|backup|readBackup|rename)|history\.restore)\b/.test(request.url())) writes.push(request.url());
    });
    await openApp(page, host.url);
    await expect(editor(page)).toBeVisible();
    await expect(page.getByText(/^This workspace cannot be changed: .+\. Briefs open for reading only; nothing is saved\.$/)).toBeVisible();
    await expect(editor(page)).toHaveAttribute('contenteditable', 'false');
    await expect(editor(page).locator('p')).toHaveText(['Ordinary text.']);
    await editor(page).click();
    await page.keyboard.type('typed');
    await page.keyboard.press('Control+s');
    await expect(page.locator('[data-status]')).toHaveText(/^Read-only: not saved, the workspace cannot be changed \(.+\)$/);
    await page.waitForTimeout(2500);
    expect(writes).toEqual([]);
    expect((await readFile(join(workspace, 'briefs', 'notes.brief.json'))).equals(original)).toBe(true);
  });
});
