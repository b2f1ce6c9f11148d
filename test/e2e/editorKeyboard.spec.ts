import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { collectPageProblems, skipSeeding, startBrowserHost } from './support/browserHost';
import { tempDir } from '../support/tempWorkspace';

const repoRoot = join(import.meta.dirname, '..', '..');

/** A workspace with the bundled catalogue and its source but no brief, and a new blank brief open with the caret in it. */
async function withBrief(page: Page, run: () => Promise<void>): Promise<void> {
  const workspace = await tempDir('briefdesk-e2e-');
  await skipSeeding(workspace.path);
  await cp(join(repoRoot, 'resources', 'facts'), join(workspace.path, 'facts'), { recursive: true });
  await cp(join(repoRoot, 'resources', 'sources'), join(workspace.path, 'sources'), { recursive: true });
  const problems = collectPageProblems(page);
  const host = await startBrowserHost(workspace.path);
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'New brief' }).first().click();
    await expect(page.locator('.bd-editor[data-ready="true"]')).toBeVisible();
    await page.locator('.bd-editor').click();
    await run();
    expect(problems).toEqual([]);
  } finally {
    await host.stop();
    await workspace.dispose();
  }
}

/** Waits a frame after Lexical has had the selectionchange of the last key, as toolbar.spec's `settle` does. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

const editor = (page: Page) => page.locator('.bd-editor');
const focusedIsEditor = (page: Page) => page.evaluate(() => document.activeElement?.classList.contains('bd-editor') ?? false);
const focusedName = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return active?.getAttribute('aria-label') ?? active?.textContent?.trim() ?? '';
  });

test('Alt+Enter: the card takes focus while loading, Escape closes it at any time, and typing goes on at the caret', async ({ page }) => {
  await withBrief(page, async () => {
    await page.keyboard.type('Talks with Kim Jong Un stalled.');
    await expect(editor(page).locator('[data-fact-id="kim-jong-un"]')).toHaveText('Kim Jong Un');
    for (let i = 0; i < ' stalled.'.length + 2; i++) await page.keyboard.press('ArrowLeft');
    await settle(page);

    // The fact's details answer slowly: the card still says "Loading…" when Escape comes.
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    let answered: Promise<void> = Promise.resolve();
    await page.route('**/rpc/facts.get', (route) => {
      answered = held.then(() => route.continue());
    });
    await page.keyboard.press('Alt+Enter');
    const card = page.getByRole('dialog', { name: 'Fact' });
    await expect(card).toContainText('Loading…');
    await expect(card).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(card).toBeHidden();
    expect(await focusedIsEditor(page)).toBe(true);
    await page.keyboard.type('X');
    await expect(editor(page).locator('p')).toHaveText('Talks with Kim Jong XUn stalled.');
    release();
    await answered;
    await page.unroute('**/rpc/facts.get');

    // Loaded, focus moves on to the first action; Escape there too goes back to the caret.
    await page.keyboard.press('Backspace');
    await expect(editor(page).locator('[data-fact-id="kim-jong-un"]')).toHaveText('Kim Jong Un');
    await settle(page);
    await page.keyboard.press('Alt+Enter');
    const loaded = page.getByRole('dialog', { name: 'Fact: Kim Jong Un' });
    await expect(loaded.getByRole('button', { name: 'Show in source' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(loaded).toBeHidden();
    expect(await focusedIsEditor(page)).toBe(true);
    await page.keyboard.type('Y');
    await expect(editor(page).locator('p')).toContainText('Kim Jong YUn');
  });
});

test('Tab indents a list item from anywhere in it, moves between table cells, and leaves the editor elsewhere', async ({ page }) => {
  await withBrief(page, async () => {
    await page.keyboard.type('A plain paragraph');
    await page.keyboard.press('Enter');
    await page.keyboard.type('- First item');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Second item');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await settle(page);
    await page.keyboard.press('Tab');
    await expect(editor(page).locator('ul ul')).toHaveText('Second item');
    expect(await focusedIsEditor(page)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(editor(page).locator('ul ul')).toHaveCount(0);
    await expect(editor(page).locator('li')).toHaveText(['First item', 'Second item']);

    // In a paragraph, Tab is the browser's again: no tab character, and focus leaves the editor.
    await editor(page).getByText('A plain paragraph').click();
    await settle(page);
    await page.keyboard.press('Tab');
    expect(await focusedIsEditor(page)).toBe(false);
    await expect(editor(page).locator('p').first()).toHaveText('A plain paragraph');
    // Shift+Tab from the paragraph goes back out, to the toolbar's one Tab stop.
    await editor(page).getByText('A plain paragraph').click();
    await settle(page);
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('toolbar', { name: 'Formatting' }).locator(':focus')).toHaveCount(1);

    // In a table, Tab moves to the next cell.
    await editor(page).getByText('A plain paragraph').click();
    await page.keyboard.press('End');
    await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Insert table' }).click();
    await page.keyboard.type('A1');
    await page.keyboard.press('Tab');
    await page.keyboard.type('B1');
    await expect(editor(page).locator('tr').first().locator('th, td')).toHaveText(['A1', 'B1', '']);
    expect(await focusedIsEditor(page)).toBe(true);
  });
});

test('the toolbar is one Tab stop with arrow keys, Alt+F10 reaches it, and its buttons are named by what they show', async ({ page }) => {
  await withBrief(page, async () => {
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    await page.keyboard.type('Some words');
    await expect(toolbar.locator('[tabindex="0"]')).toHaveCount(1);
    const enabled = await toolbar.locator('button:not(:disabled), select:not(:disabled)').evaluateAll((elements) => elements.map((e) => e.getAttribute('aria-label')));
    const tabStop = await toolbar.locator('[tabindex="0"]').getAttribute('aria-label');
    await page.keyboard.press('Alt+F10');
    expect(await focusedName(page)).toBe(tabStop);
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toBe(enabled[0]);
    await page.keyboard.press('End');
    expect(await focusedName(page)).toBe('Insert horizontal rule');
    await page.keyboard.press('ArrowRight');
    expect(await focusedName(page)).toBe(enabled[0]);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedName(page)).toBe('Insert horizontal rule');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    const second = await focusedName(page);
    expect(second).toBe(enabled[1]);
    // One Tab stop: Tab leaves the toolbar (into the editor), Shift+Tab comes back to the control used last.
    await page.keyboard.press('Tab');
    expect(await focusedIsEditor(page)).toBe(true);
    // Back in the brief by Tab, the caret is where it was, not at the start where Chromium puts it.
    await settle(page);
    await page.keyboard.type('!');
    await expect(editor(page).locator('p')).toHaveText('Some words!');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe(second);
    await page.keyboard.press('Escape');
    expect(await focusedIsEditor(page)).toBe(true);

    // WCAG 2.5.3: whatever letters or digits a button shows are part of its name.
    const buttons = await toolbar.getByRole('button').evaluateAll((elements) =>
      elements.map((element) => ({ name: element.getAttribute('aria-label') ?? '', shown: (element as HTMLElement).innerText.trim() })),
    );
    for (const { name, shown } of buttons) {
      if (/[\p{L}\p{N}]/u.test(shown)) expect(name.toLowerCase(), `"${name}" shows "${shown}"`).toContain(shown.toLowerCase());
    }
    await expect(toolbar.getByRole('button', { name: 'Numbered list', exact: true })).toBeVisible();
  });
});

test('the table actions menu adds and removes rows and columns from the keyboard, and deletes the table', async ({ page }) => {
  await withBrief(page, async () => {
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    const rows = editor(page).locator('table tr');
    const firstRowCells = editor(page).locator('table tr').first().locator('th, td');
    await page.keyboard.type('Before the table');
    await expect(toolbar.getByRole('button', { name: 'Table actions' })).toBeDisabled();
    await toolbar.getByRole('button', { name: 'Insert table' }).click();
    await page.keyboard.type('Head');
    await expect(rows).toHaveCount(3);
    await expect(toolbar.getByRole('button', { name: 'Table actions' })).toBeEnabled();

    // From the toolbar: Alt+F10, then along to the menu button, Enter opens it with focus on its first item.
    await page.keyboard.press('Alt+F10');
    for (let i = 0; i < 30 && (await focusedName(page)) !== 'Table actions'; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Table actions' });
    await expect(menu.getByRole('menuitem', { name: 'Insert row above' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitem', { name: 'Insert row below' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(menu).toBeHidden();
    await expect(rows).toHaveCount(4);
    expect(await focusedIsEditor(page)).toBe(true);

    // From the cell itself: Shift+F10 opens the same menu; a letter jumps to the next item starting with it.
    await page.keyboard.press('Shift+F10');
    await expect(menu).toBeVisible();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Delete table' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    expect(await focusedIsEditor(page)).toBe(true);

    await page.keyboard.press('Shift+F10');
    await menu.getByRole('menuitem', { name: 'Insert column right' }).click();
    await expect(firstRowCells).toHaveCount(4);
    await page.keyboard.press('Shift+F10');
    await menu.getByRole('menuitem', { name: 'Delete column' }).click();
    await expect(firstRowCells).toHaveCount(3);
    await page.keyboard.press('Shift+F10');
    await menu.getByRole('menuitem', { name: 'Delete row' }).click();
    await expect(rows).toHaveCount(3);
    await page.keyboard.type('Z');
    expect(await editor(page).locator('table').innerText()).toContain('Z');
    await page.keyboard.press('Shift+F10');
    await menu.getByRole('menuitem', { name: 'Delete table' }).click();
    await expect(editor(page).locator('table')).toHaveCount(0);
    await expect(editor(page)).toContainText('Before the table');
    await expect(toolbar.getByRole('button', { name: 'Table actions' })).toBeDisabled();
  });
});

test('the @ picker searches across spaces and is a proper combobox: real active option, one listbox, none when closed', async ({ page }) => {
  await withBrief(page, async () => {
    const picker = page.getByRole('listbox', { name: 'Insert a fact reference' });
    // Every list box but the sidebar's list of briefs, which is always there.
    const listboxes = page.locator('[role="listbox"]:not([aria-label="Briefs"])');
    await expect(listboxes).toHaveCount(0);
    await expect(editor(page)).toHaveAttribute('role', 'textbox');
    await expect(editor(page)).not.toHaveAttribute('aria-expanded');

    await page.keyboard.type('Talks with @Kim Jong');
    await expect(picker.getByRole('option').first()).toContainText('Kim Jong Un');
    await expect(listboxes).toHaveCount(1);
    await expect(page.locator('[role="listbox"] [role="listbox"]')).toHaveCount(0);
    await expect(editor(page)).toHaveAttribute('role', 'combobox');
    await expect(editor(page)).toHaveAttribute('aria-expanded', 'true');
    const controls = await editor(page).getAttribute('aria-controls');
    expect(await picker.getAttribute('id')).toBe(controls);
    const activeOption = async () => {
      const id = await editor(page).getAttribute('aria-activedescendant');
      return page.evaluate((optionId) => {
        const option = optionId ? document.getElementById(optionId) : null;
        return option && option.getAttribute('role') === 'option' && option.closest('[role="listbox"]') ? option.textContent : null;
      }, id);
    };
    expect(await activeOption()).toContain('Kim Jong Un');
    await page.keyboard.press('ArrowUp');
    expect(await activeOption()).toContain('Create fact “Kim Jong”');
    await page.keyboard.press('ArrowDown');
    expect(await activeOption()).toContain('Kim Jong Un');
    await page.keyboard.press('Enter');

    await expect(listboxes).toHaveCount(0);
    await expect(editor(page)).toHaveAttribute('role', 'textbox');
    await expect(editor(page)).not.toHaveAttribute('aria-expanded');
    await expect(editor(page)).not.toHaveAttribute('aria-activedescendant');
    await expect(editor(page).locator('p')).toHaveText('Talks with Kim Jong Un ');
    await expect(editor(page).locator('[data-fact-id="kim-jong-un"]')).toHaveText('Kim Jong Un');

    // Words that match no fact close it again; Escape closes it for this @.
    await page.keyboard.type('@kim said no');
    await expect(listboxes).toHaveCount(0);
    await page.keyboard.type(' @yong');
    await expect(picker.getByRole('option').first()).toContainText('Yongbyon');
    await page.keyboard.press('Escape');
    await expect(listboxes).toHaveCount(0);
    await page.keyboard.type('b');
    await expect(listboxes).toHaveCount(0);
  });
});

test('fact references are named links, announced as the caret enters them, with F8 and Shift+F8 from one to the next', async ({ page }) => {
  await withBrief(page, async () => {
    await page.keyboard.type('Chairman Kim met President Trump in Hanoi.');
    await expect(editor(page).getByRole('link', { name: 'Chairman Kim: Kim Jong Un, person' })).toBeVisible();
    await expect(editor(page).getByRole('link', { name: 'President Trump: Donald Trump, person' })).toBeVisible();
    await expect(editor(page).getByRole('link', { name: 'Hanoi, place' })).toBeVisible();
    const status = page.locator('.bd-visually-hidden[role="status"]');
    const selected = () => page.evaluate(() => window.getSelection()?.toString());

    await page.keyboard.press('Home');
    await settle(page);
    await page.keyboard.press('F8');
    expect(await selected()).toBe('Chairman Kim');
    await page.keyboard.press('F8');
    expect(await selected()).toBe('President Trump');
    await expect(status).toHaveText('President Trump: Donald Trump, person. Alt+Enter for details.');
    await page.keyboard.press('F8');
    expect(await selected()).toBe('Hanoi');
    await expect(status).toHaveText('Hanoi, place. Alt+Enter for details.');
    await page.keyboard.press('F8');
    expect(await selected()).toBe('Chairman Kim');
    await expect(status).toHaveText('Chairman Kim: Kim Jong Un, person. Alt+Enter for details.');
    await page.keyboard.press('Shift+F8');
    expect(await selected()).toBe('Hanoi');
    await page.keyboard.press('Shift+F8');
    expect(await selected()).toBe('President Trump');
    expect(await focusedIsEditor(page)).toBe(true);
  });
});

test('a dialog opened from the editor puts focus on its field, and gives it back to the caret when it closes', async ({ page }) => {
  await withBrief(page, async () => {
    await page.keyboard.type('Before after');
    for (let i = 0; i < ' after'.length; i++) await page.keyboard.press('ArrowLeft');
    await settle(page);
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Insert link' });
    await expect(dialog.getByRole('textbox')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(await focusedIsEditor(page)).toBe(true);
    await page.keyboard.type(' middle');
    await expect(editor(page).locator('p')).toHaveText('Before middle after');

    // Closed by its Cancel button instead, the same.
    await settle(page);
    await page.keyboard.press('Control+k');
    await expect(dialog.getByRole('textbox')).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(await focusedIsEditor(page)).toBe(true);
    await settle(page);
    await page.keyboard.type(',');
    await expect(editor(page).locator('p')).toHaveText('Before middle, after');
  });
});

test('the dark theme draws kind badges and reference underlines in its own colours, and a disabled button looks disabled', async ({ page }) => {
  await withBrief(page, async () => {
    await page.keyboard.type('Kim Jong Un met @Hanoi');
    const badge = page.getByRole('listbox', { name: 'Insert a fact reference' }).locator('.bd-kind').first();
    await expect(badge).toHaveText('place');
    const reference = editor(page).locator('[data-fact-id="kim-jong-un"]');
    /** What Chromium draws: the badge's text on its background, the underline on the editor's page, as #rrggbb. */
    const drawn = () =>
      page.evaluate(() => {
        const hex = (css: string) => `#${(css.match(/\d+/g) ?? []).slice(0, 3).map((n) => Number(n).toString(16).padStart(2, '0')).join('')}`;
        const badgeStyle = getComputedStyle(document.querySelector('.bd-picker .bd-kind')!);
        const editorArea = document.querySelector('.bd-editor')!.closest('.bd-main') ?? document.body;
        return {
          badge: hex(badgeStyle.color),
          badgeBackground: hex(badgeStyle.backgroundColor),
          underline: hex(getComputedStyle(document.querySelector('.bd-editor [data-fact-id="kim-jong-un"]')!).textDecorationColor),
          page: hex(getComputedStyle(editorArea).backgroundColor),
        };
      });
    await expect(reference).toHaveAttribute('data-kind', 'person');
    const lightColours = await drawn();
    await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
    const darkColours = await drawn();
    expect(darkColours.badge).not.toBe(lightColours.badge);
    expect(darkColours.underline).not.toBe(lightColours.underline);
    const ratio = (a: string, b: string) => {
      const lum = (hex: string) =>
        [1, 3, 5]
          .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
          .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
          .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    for (const colours of [lightColours, darkColours]) {
      expect(ratio(colours.badge, colours.badgeBackground), JSON.stringify(colours)).toBeGreaterThanOrEqual(4.5);
      expect(ratio(colours.underline, colours.page), JSON.stringify(colours)).toBeGreaterThanOrEqual(3);
    }
    await page.keyboard.press('Escape');

    // A disabled button is drawn differently from an enabled one of the same kind.
    const looks = await page.evaluate(() => {
      document.body.insertAdjacentHTML('beforeend', '<button class="bd-button is-primary" id="on">On</button><button class="bd-button is-primary" id="off" disabled>Off</button>');
      const style = (id: string) => {
        const s = getComputedStyle(document.getElementById(id)!);
        return { background: s.backgroundColor, border: s.borderTopStyle, cursor: s.cursor };
      };
      return { on: style('on'), off: style('off') };
    });
    expect(looks.off.background).not.toBe(looks.on.background);
    expect(looks.off).toMatchObject({ border: 'dashed', cursor: 'not-allowed' });
  });
});

test('the new-fact dialog opens on its label, takes aliases, and gives focus back to the button that opened it', async ({ page }) => {
  await withBrief(page, async () => {
    await page.getByRole('button', { name: 'Facts', exact: true }).click();
    const newFact = page.getByRole('button', { name: 'New fact' });
    await newFact.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New fact' });
    await expect(dialog.getByLabel('Label', { exact: true })).toBeFocused();
    await expect(dialog.getByLabel(/^Aliases/)).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(newFact).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(dialog.getByLabel('Label', { exact: true })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(newFact).toBeFocused();
  });
});
