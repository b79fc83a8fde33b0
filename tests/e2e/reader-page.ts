/** What the reader tests do to a page: select passages the way a user's drag would, read the bar. */
import type { Page } from 'playwright-core';

export interface SelectionInfo {
  start: number;
  end: number;
  text: string;
}

/**
 * Selects from the first occurrence of `from` to the end of the first occurrence of `to` after it,
 * each found inside one text node of the document body; markup (page labels, footnote marks)
 * between them is part of the DOM range, as in a real drag. Resolves once the selection bar shows
 * a selection.
 */
export async function selectBetween(page: Page, from: string, to: string): Promise<SelectionInfo> {
  await page.evaluate(
    ([from, to]) => {
      const root = document.querySelector('.reader-body');
      if (!root) throw new Error('no .reader-body on the page');
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let hasStart = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.nodeValue ?? '';
        if (!hasStart) {
          const at = text.indexOf(from);
          if (at < 0) continue;
          range.setStart(node, at);
          hasStart = true;
          const endAt = text.indexOf(to, at + from.length);
          if (endAt >= 0) {
            range.setEnd(node, endAt + to.length);
            return finish();
          }
        } else {
          const endAt = text.indexOf(to);
          if (endAt >= 0) {
            range.setEnd(node, endAt + to.length);
            return finish();
          }
        }
      }
      throw new Error(hasStart ? `no text node with ${JSON.stringify(to)} after the start` : `no text node with ${JSON.stringify(from)}`);

      function finish(): void {
        const selection = document.getSelection();
        if (!selection) throw new Error('no selection object');
        selection.removeAllRanges();
        selection.addRange(range);
      }
    },
    [from, to] as const,
  );
  return readSelectionInfo(page);
}

export async function clearSelection(page: Page): Promise<void> {
  await page.evaluate(() => document.getSelection()?.removeAllRanges());
  await page.waitForSelector('#selection-info:not([data-start])');
}

/** Waits for the bar to describe a selection, then reads it. */
export async function readSelectionInfo(page: Page): Promise<SelectionInfo> {
  const info = await page.waitForSelector('#selection-info[data-start]');
  return {
    start: Number(await info.getAttribute('data-start')),
    end: Number(await info.getAttribute('data-end')),
    text: (await info.textContent()) ?? '',
  };
}

/** The title as a reader sees it, without its footnote mark, and the marks it carries. */
export function readTitle(page: Page): Promise<{ text: string; marks: string[] }> {
  return page.evaluate(() => {
    const title = document.querySelector('.doc-title');
    if (!title) throw new Error('no .doc-title on the page');
    const marks = [...title.querySelectorAll('.doc-fnref')].map((mark) => mark.textContent ?? '');
    const clone = title.cloneNode(true) as Element;
    for (const mark of clone.querySelectorAll('.doc-fnref')) mark.remove();
    return { text: clone.textContent ?? '', marks };
  });
}

/** How far the page is wider than its viewport (0 when nothing overflows). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * Where each page label stands relative to the line it marks: the vertical distance between the
 * label's middle and the middle of the line box at the break, and whether it sits left of the text.
 */
export function pageLabelPlacement(page: Page): Promise<{ page: string; dy: number; isInMargin: boolean }[]> {
  return page.evaluate(() => {
    const body = document.querySelector('.reader-body');
    if (!body) throw new Error('no .reader-body on the page');
    const bodyLeft = body.getBoundingClientRect().left;
    return [...document.querySelectorAll('.doc-pb')].map((pageBreak) => {
      const label = pageBreak.querySelector('.doc-pb-label');
      if (!label) throw new Error('a page break without its label');
      const labelBox = label.getBoundingClientRect();
      // The break's own (empty) inline box stands in the line where the page begins.
      const lineBox = [...pageBreak.getClientRects()].find((rect) => rect.height > 0) ?? pageBreak.getBoundingClientRect();
      return {
        page: pageBreak.getAttribute('data-page') ?? '',
        dy: Math.abs(labelBox.top + labelBox.height / 2 - (lineBox.top + lineBox.height / 2)),
        isInMargin: labelBox.right <= bodyLeft && labelBox.left >= 0,
      };
    });
  });
}
