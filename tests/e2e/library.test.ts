/**
 * The library page in a real browser: an administrator uploads a TEI volume with one broken
 * document and watches the documents arrive (socket.io progress), then reads the results and opens
 * one; a reader sees no import.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleVolume, teiFile } from '../fixtures/frus/tei-files.ts';
import { createAnnotationCommand, openCommands } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

describe.skipIf(!hasChromium)('the library page', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let admin: TestUser;
  let reader: TestUser;
  let folder: string;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    admin = await signUpUser(server.url, 'Admin');
    reader = await signUpUser(server.url, 'Reader');
    folder = await mkdtemp(path.join(os.tmpdir(), 'marginalia-library-'));
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('imports a volume with live progress, lists the results with links, and reports the broken document', async () => {
    const page = await pages.openAs(admin, '/library');
    await page.getByRole('link', { name: 'Library' }).waitFor();
    await page.getByRole('heading', { name: 'Import a document or a volume' }).waitFor();
    // Every state of the status line, as the page shows them: the progress lines come only from socket events.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { statusSeen: string[] }).statusSeen = seen;
      const status = document.querySelector('.import-status')!;
      // Each record's added text, not the line's text when the observer runs: several changes may come in one batch.
      new MutationObserver((records) => {
        for (const record of records) for (const node of record.addedNodes) seen.push(node.textContent ?? '');
      }).observe(status, { childList: true });
    });
    const file = path.join(folder, 'frus1981-88v05.xml');
    await writeFile(file, assembleVolume({ broken: true }));
    await page.getByLabel('File').setInputFiles(file);
    await page.getByRole('button', { name: 'Import' }).click();

    await page.getByText('frus1981-88v05.xml is imported.').waitFor();
    const seen = await page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
    expect(seen).toEqual(expect.arrayContaining(['Importing frus1981-88v05.xml…', '1 of 4 documents done', '2 of 4 documents done', '3 of 4 documents done']));
    expect(seen.at(-1)).toBe('4 documents: 3 imported, 0 already in the library, 1 not imported.');
    expect(await page.locator('.import-progress').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([4, 4]);

    const items = page.locator('.import-results > li');
    expect(await items.count()).toBe(4);
    expect(await items.nth(1).textContent()).toMatch(/^not imported d5 \(no title\)d5: the document does not begin with its title/);
    expect(await page.locator('.import-results a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
      '/documents/frus1981-88v05-d4',
      '/documents/frus1981-88v05-d7',
      '/documents/frus1981-88v05-d97',
    ]);
    // The library below now lists them.
    await page.locator('.library-list a', { hasText: '4. Telegram From the Delegation' }).waitFor();

    await page.locator('.import-results').getByRole('link', { name: '4. Telegram From the Delegation at the Nuclear and Space Talks to the Department of State' }).click();
    await page.locator('.doc-signed').waitFor();
    expect(await page.textContent('.doc-signed')).toBe('Kampelman');
    // The volume's list of terms says what "Z" is.
    expect(await page.getAttribute('.doc-dateline abbr.doc-term', 'title')).toBe('Z, Zulu Time (Greenwich Mean Time)');
    expect(await page.locator('.doc-pb-label').allTextContents()).toEqual(['p. 8']);
    expect(pages.watches.flatMap((watch) => watch.problems)).toEqual([]);
  });

  it('imports the memo’s TEI as the next version of the memo, its annotation moved onto it', async () => {
    const memoId = 'frus1981-88v41-d97';
    const memo = (await admin.client.get<{ title: string; text: string }>(`/api/documents/${memoId}`)).body;
    const groupId = await startSeminar({ name: 'Version seminar', owner: admin, documentId: memoId });
    const commands = await openCommands(server.url, admin);
    await commands.apply(createAnnotationCommand({ text: memo.text, quote: 'Gorbachev is already letting many political prisoners out', groupId, documentId: memoId }));
    commands.close();

    const page = await pages.openAs(admin, '/library');
    await page.getByLabel('Import as').selectOption({ label: `A new version of “${memo.title}”` });
    const file = path.join(folder, 'frus1981-88v41-d97.xml');
    await writeFile(file, teiFile('frus1981-88v41-d97'));
    await page.getByLabel('File').setInputFiles(file);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.locator('.import-version').getByText(`Version 2 of “${memo.title}” is imported; 1 annotation moved onto it.`).waitFor();
    const layer = await admin.client.get<{ annotations: { selectors: { position: { start: number } } }[] }>(`/api/groups/${groupId}/documents/${memoId}/annotations`);
    // One character later: the dash the TEI restores stands before the passage.
    expect(layer.body.annotations[0]!.selectors.position.start).toBe(memo.text.indexOf('Gorbachev is already letting') + 1);
  });

  it('offers no import to someone who does not administer the instance', async () => {
    const page = await pages.openAs(reader, '/library');
    await page.getByText('Documents are imported by the administrators of this instance').waitFor();
    expect(await page.locator('input[type="file"]').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Library' }).count()).toBe(0);
    await page.locator('.library-list a').first().waitFor();
  });
});
