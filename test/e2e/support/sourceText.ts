import type { Locator } from '@playwright/test';

/**
 * Selects `phrase` in a source text view, the way a drag does: a DOM selection over its characters, then the
 * mouse-up the reader reads it on. The phrase must lie inside one paragraph.
 */
export async function selectSourceText(sourceText: Locator, phrase: string): Promise<void> {
  await sourceText.evaluate((article, wanted) => {
    for (const paragraph of article.querySelectorAll('p')) {
      const at = (paragraph.textContent ?? '').indexOf(wanted);
      if (at === -1) continue;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let passed = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (at >= passed && at <= passed + length) range.setStart(node, at - passed);
        if (at + wanted.length >= passed && at + wanted.length <= passed + length) {
          range.setEnd(node, at + wanted.length - passed);
          break;
        }
        passed += length;
      }
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      paragraph.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return;
    }
    throw new Error(`“${wanted}” is not in one paragraph of the source text`);
  }, phrase);
}
