/**
 * The client alone, against a hand-made fixture: the built app served by `vite preview`, its API
 * answered in the browser from tests/client/fixtures. Pins the anchoring maths to the DOM without
 * needing the server or the importer; tests/e2e/reader.test.ts does the same against the real server.
 */
import { readFileSync } from 'node:fs';
import { Node as PMNode } from 'prosemirror-model';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalText } from '../../shared/canonical-text.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { documentSchema } from '../../shared/schema.ts';
import { hasChromium, launchChromium } from '../e2e/chromium.ts';
import { clearSelection, readSelectionInfo, readTitle, selectBetween } from '../e2e/reader-page.ts';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/memo-excerpt.json', import.meta.url), 'utf8')) as DocumentRecord;
const record: DocumentRecord = { ...fixture, text: canonicalText(PMNode.fromJSON(documentSchema, fixture.body)) };

describe.skipIf(!hasChromium)('the reader on a fixture document', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    server = await preview({ configFile: 'vite.config.ts', preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
    baseUrl = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
    browser = await launchChromium();
    page = await browser.newPage({ serviceWorkers: 'block' });
    await page.route('**/api/documents/**', (route) => {
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
      return id === record.id
        ? route.fulfill({ json: record })
        : route.fulfill({ status: 404, json: { error: 'document_not_found', message: `No document ${id}` } });
    });
    await page.route('**/api/documents', (route) => route.fulfill({ json: [] }));
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  });

  it('renders the title without its footnote number, and the citation', async () => {
    await page.goto(`${baseUrl}/documents/${record.id}`);
    await page.waitForSelector('.reader-body');
    const title = await readTitle(page);
    expect(title.text).toBe(fixture.title);
    expect(title.marks).toEqual(['1']);
    expect(await page.textContent('.citation')).toContain('Volume XLI, Global Issues II, Document 97');
  });

  it.each([
    ['a page break inside a word', 'new leader', 'ship', 'new leadership'],
    ['a footnote mark', 'November 1986', ' to host', 'November 1986 to host'],
    ['a paragraph boundary and a page break', 'or now this.', '—Radio jamming', 'or now this.\n—Radio jamming'],
    ['the mid-sentence page break', 'Indeed we', 'are beginning', 'Indeed we are beginning'],
  ])('describes a selection across %s in canonical offsets', async (_name, from, to, quote) => {
    const info = await selectBetween(page, from, to);
    const start = record.text.indexOf(quote);
    expect(start).toBeGreaterThanOrEqual(0);
    expect([info.start, info.end]).toEqual([start, start + quote.length]);
    expect(await page.textContent('.selection-quote')).toBe(quote);
    await clearSelection(page);
  });

  it('gives the printed page of a selection', async () => {
    expect((await selectBetween(page, 'November 1986', ' to host')).text).toContain('p. 288 ·');
    expect((await selectBetween(page, 'new leader', 'ship')).text).toContain('pp. 287–288');
    await clearSelection(page);
  });

  it('describes nothing for a selection outside the document, and clamps one that starts outside', async () => {
    await page.evaluate(() => {
      const citation = document.querySelector('.citation cite')?.firstChild;
      if (!citation) throw new Error('no citation text');
      document.getSelection()?.setBaseAndExtent(citation, 0, citation, 10);
    });
    await page.waitForTimeout(100);
    expect(await page.getAttribute('#selection-info', 'data-start')).toBeNull();

    await page.evaluate(() => {
      const citation = document.querySelector('.citation cite')?.firstChild;
      const dateline = document.querySelector('.doc-dateline')?.firstChild;
      if (!citation || !dateline) throw new Error('no citation or dateline text');
      document.getSelection()?.setBaseAndExtent(citation, 0, dateline, 'Washington'.length);
    });
    const info = await readSelectionInfo(page);
    expect([info.start, info.end]).toEqual([0, record.text.indexOf('Washington') + 'Washington'.length]);
    await clearSelection(page);
  });

  it('says so when a document does not exist', async () => {
    await page.goto(`${baseUrl}/documents/no-such-doc`);
    await page.waitForSelector('.status-error');
    expect(await page.textContent('.status-error')).toBe('No document with id “no-such-doc”.');
  });

  it('says so when there are no documents', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('.status-empty');
    expect(await page.textContent('.status-empty')).toBe('No documents have been imported yet.');
  });
});
