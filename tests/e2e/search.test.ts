/**
 * Search in a real browser: Ana types in the header's search box, the search page answers as she goes
 * on typing (the last word a prefix), and a click on the result opens the seminar's reader with the
 * annotation's card focused.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedMemo } from '../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('search', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ana: TestUser;
  let groupId: string;
  let annotationId: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ana = await signUpUser(server.url, 'Ana Owner');
    const ben = await signUpUser(server.url, 'Ben Member');
    groupId = await startSeminar({ name: 'Search seminar', owner: ana, documentId, members: [[ben, 'member']] });
    const command = createAnnotationCommand({ text: importedMemo().text, quote: 'Radio jamming must cease', groupId, documentId, body: 'Samizdat circulated widely by then.' });
    const response = await ben.client.post<{ ok: boolean }>('/api/commands', command);
    expect(response.body.ok).toBe(true);
    annotationId = command.annotationId;
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('finds an annotation as Ana types and opens the reader at it', async () => {
    const page = await pages.openAs(ana, '/');
    const headerBox = page.locator('.header-search').getByRole('searchbox', { name: 'Search annotations' });
    await headerBox.fill('circulated');
    await headerBox.press('Enter');
    const result = page.locator(`.search-result[data-annotation-id="${annotationId}"]`);
    await result.waitFor();
    expect(new URL(page.url()).pathname).toBe('/search');

    // On the page, the box searches as she types: "samiz" is the start of a word.
    const pageBox = page.locator('.search-form').getByRole('searchbox', { name: 'Search annotations' });
    await pageBox.fill('');
    await page.locator('.search-summary', { hasText: 'Type a word' }).waitFor();
    await pageBox.pressSequentially('samiz');
    await result.waitFor();
    expect(await result.locator('mark').allTextContents()).toEqual(['Samizdat']);
    expect(await result.locator('.search-result-place').textContent()).toContain('Search seminar · p. 288');
    expect(await result.locator('.search-passage').textContent()).toContain('Radio jamming must cease');

    await result.locator('a.search-result-link').click();
    await page.waitForURL(`**/groups/${groupId}/documents/${documentId}#annotation-${annotationId}`);
    const card = page.locator(`#annotation-${annotationId}`);
    await card.and(page.locator('.is-focused')).waitFor();
    expect(await card.textContent()).toContain('Samizdat circulated widely');
  });
});
