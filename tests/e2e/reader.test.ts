/**
 * The reader in a real browser against the real server and the imported memo (FRUS 1981–1988,
 * vol. XLI, doc. 97): what a historian sees, and that what they select is described in the same
 * canonical offsets the server stores.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../shared/document.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { clearSelection, horizontalOverflow, pageLabelPlacement, readTitle, selectBetween } from './reader-page.ts';

const MEMO_ID = 'frus1981-88v41-d97';
const MEMO_TITLE =
  '97. Memorandum From the President’s Special Assistant for National Security Affairs (Rodman) to the President’s Assistant for National Security Affairs (Carlucci)';

describe.skipIf(!hasChromium)('the reader', () => {
  let server: TestServer;
  let browser: Browser;
  let record: DocumentRecord;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    record = (await (await fetch(`${server.url}/api/documents/${MEMO_ID}`)).json()) as DocumentRecord;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openMemo(width: number): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${server.url}/documents/${MEMO_ID}`);
    await page.waitForSelector('.reader-body');
    return page;
  }

  describe('on a wide screen', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openMemo(1280);
    });
    afterAll(() => page?.close());

    it('shows the title without a stray footnote number, and its source note mark', async () => {
      expect(await readTitle(page)).toEqual({ text: MEMO_TITLE, marks: ['1'] });
    });

    it('cites the edition and links to the publisher', async () => {
      expect(await page.textContent('.citation')).toContain(
        'Foreign Relations of the United States, 1981–1988, Volume XLI, Global Issues II, Document 97',
      );
      expect(await page.getAttribute('.citation a', 'href')).toBe('https://history.state.gov/historicaldocuments/frus1981-88v41/d97');
      expect(await page.textContent('.doc-dateline')).toBe('Washington, September 25, 1987');
      expect(await page.textContent('.doc-subject')).toContain('SUBJECT');
    });

    it('puts each printed page number in the margin, on the line where the page begins', async () => {
      expect(await page.locator('.doc-pb-label').allTextContents()).toEqual(['p. 288', 'p. 289', 'p. 290']);
      for (const label of await pageLabelPlacement(page)) {
        expect(label.isInMargin, `p. ${label.page} in the margin`).toBe(true);
        expect(label.dy, `p. ${label.page} on its line`).toBeLessThan(6);
      }
    });

    it('links footnote marks to their footnotes and back', async () => {
      expect(await page.locator('.reader-body > :not(.doc-footnotes) .doc-fnref').allTextContents()).toEqual(['1', '2', '3', '4']);
      await page.click('#fnref-2');
      expect(new URL(page.url()).hash).toBe('#fn-2');
      expect(await page.locator('#fn-2').isVisible()).toBe(true);
      await page.click('#fn-2 .doc-footnote-num');
      expect(new URL(page.url()).hash).toBe('#fnref-2');
      // A fragment jump stays on the same view: nothing re-rendered.
      expect(await page.locator('.reader-body').count()).toBe(1);
    });

    it.each([
      ['the page break inside “leader|ship”', 'new leader', 'ship', 'new leadership'],
      ['the footnote mark after “November 1986”', 'November 1986', ' to host', 'November 1986 to host'],
      ['a paragraph boundary and page 289', 'or now this.', '—Radio jamming', 'or now this.\n—Radio jamming'],
      ['the page break in “we | are beginning”', 'Indeed we', 'are beginning', 'Indeed we are beginning'],
    ])('describes a selection across %s in the server’s offsets', async (_name, from, to, quote) => {
      const start = record.text.indexOf(quote);
      expect(start, 'the quote is in the canonical text').toBeGreaterThanOrEqual(0);
      const info = await selectBetween(page, from, to);
      expect([info.start, info.end]).toEqual([start, start + quote.length]);
      expect(await page.textContent('.selection-quote')).toBe(quote);
      await clearSelection(page);
    });

    it('gives the printed pages of a selection', async () => {
      expect((await selectBetween(page, 'November 1986', ' to host')).text).toContain('p. 288 ·');
      expect((await selectBetween(page, 'new leader', 'ship')).text).toContain('pp. 287–288');
      await page.screenshot({ path: '/tmp/reader.png', fullPage: true });
      await clearSelection(page);
    });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await openMemo(390);
    expect(await horizontalOverflow(page)).toBe(0);
    for (const label of await pageLabelPlacement(page)) {
      expect(label.isInMargin, `p. ${label.page} in the margin`).toBe(true);
      expect(label.dy, `p. ${label.page} on its line`).toBeLessThan(6);
    }
    await page.screenshot({ path: '/tmp/reader-phone.png', fullPage: true });
    await page.close();
  });

  it('lists the documents and opens one', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.click(`a[href="/documents/${MEMO_ID}"]`);
    await page.waitForSelector('.reader-body');
    expect(new URL(page.url()).pathname).toBe(`/documents/${MEMO_ID}`);
    await page.close();
  });

  it('says which id is unknown', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/documents/no-such-document`);
    await page.waitForSelector('.status-error');
    expect(await page.textContent('.status-error')).toBe('No document with id “no-such-document”.');
    await page.close();
  });
});
