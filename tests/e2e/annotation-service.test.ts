/**
 * The Web Annotation Protocol seen from a reader's seat: a member reads the memo in a real browser
 * while another tool posts a W3C annotation to the seminar's container (found the standard way, from
 * the document's Link header); the card and its highlight appear in the open margin without a
 * reload, and go again when the tool deletes it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';
const annoProfile = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"';

describe.skipIf(!hasChromium)('annotations from a W3C client in the open margin', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ada: TestUser;
  let bea: TestUser;
  let groupId: string;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    groupId = await startSeminar({ name: 'Protocol reading', owner: ada, documentId, members: [[bea, 'member']] });
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('shows a protocol-posted annotation in the reader’s margin without a reload, and removes it when deleted', async () => {
    page = await pages.openAs(ada, `/groups/${groupId}/documents/${documentId}`);
    await page.locator('.connection[data-state="live"]').waitFor();
    await page.getByText('No annotations yet.').waitFor();
    // A marker on the window: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { stillTheSamePage: true }));

    // Bea's tool discovers the container from the document, then posts to it.
    const discovery = await bea.client.get(`/api/documents/${documentId}?group=${groupId}`);
    const container = /^<([^>]+)>; rel="http:\/\/www\.w3\.org\/ns\/oa#annotationService"$/.exec(discovery.headers.get('link') ?? '')?.[1];
    expect(container).toBeDefined();
    const posted = await bea.client.request<{ id: string }>(
      'POST',
      container!.slice(server.url.length),
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        type: 'Annotation',
        motivation: 'questioning',
        body: { type: 'TextualBody', value: 'Posted from another tool: who wrote this?', purpose: 'questioning' },
        target: { source: 'https://history.state.gov/historicaldocuments/frus1981-88v41/d97', selector: { type: 'TextQuoteSelector', exact: 'humanitarian cooperation' } },
      },
      { 'content-type': annoProfile },
    );
    expect(posted.status).toBe(201);
    const annotationId = posted.body.id.split('/').pop()!;

    const card = page.locator('.margin-cards .card', { hasText: 'Posted from another tool' });
    await card.waitFor();
    expect(await card.locator('.card-author').textContent()).toBe('Bea Member');
    await page.locator(`.reader-body [data-annotations~="${annotationId}"]`).first().waitFor();
    expect(await page.locator(`.reader-body [data-annotations~="${annotationId}"]`).allTextContents().then((parts) => parts.join(''))).toBe('humanitarian cooperation');

    expect((await bea.client.request('DELETE', posted.body.id.slice(server.url.length))).status).toBe(204);
    await card.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);
  });
});
