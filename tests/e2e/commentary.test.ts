/**
 * The commentary in real browsers: two members of a seminar open its commentary beside the memo and
 * type into the same paragraph at once; both end with the same text, holding both. One cites a passage
 * of the memo; the other sees the citation and follows it to the passage in the document. An
 * observer reads the commentary and cannot type into it.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand, openCommands } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { clearSelection, readSelectionInfo, selectBetween } from './reader-page.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('the commentary: writing together', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ada: TestUser;
  let bea: TestUser;
  let oto: TestUser;
  let pageA: Page;
  let pageB: Page;
  let pagePath: string;

  /**
   * Waits until the first paragraph's words (without the others' carets, widgets that carry their
   * names) are `expected`, start with it, or are as long as it; answers them.
   */
  async function untilParagraph(page: Page, expected: string, how: 'is' | 'startsWith' | 'isAsLongAs' = 'is'): Promise<string> {
    const handle = await page.waitForFunction(
      ([expected, how]) => {
        const paragraph = document.querySelector('.commentary-editor p')?.cloneNode(true) as HTMLElement | undefined;
        paragraph?.querySelectorAll('.commentary-caret').forEach((caret) => caret.remove());
        const text = paragraph?.textContent ?? '';
        const matches = how === 'is' ? text === expected : how === 'startsWith' ? text.startsWith(expected) : text.length === expected.length;
        return matches ? text : false;
      },
      [expected, how] as const,
    );
    return (await handle.jsonValue()) as string;
  }

  async function openCommentary(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Commentary', exact: true }).click();
    await page.locator('.commentary-status[data-state="connected"]').waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    [ada, bea, oto] = [await signUpUser(server.url, 'Ada Owner'), await signUpUser(server.url, 'Bea Member'), await signUpUser(server.url, 'Oto Observer')];
    const groupId = await startSeminar({ name: 'Commentary seminar', owner: ada, documentId, members: [[bea, 'member'], [oto, 'observer']] });
    pagePath = `/groups/${groupId}/documents/${documentId}`;
  });
  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('lets two members type into the same paragraph at once, both ending with the same text', async () => {
    [pageA, pageB] = [await pages.openAs(ada, pagePath), await pages.openAs(bea, pagePath)];
    await openCommentary(pageA);
    await openCommentary(pageB);
    await pageA.locator('.commentary-editor[contenteditable="true"]').click();
    await pageA.keyboard.type('The memo');
    await untilParagraph(pageB, 'The memo');

    // Bea at the start of the paragraph, Ada at its end, typing at the same time.
    await pageB.locator('.commentary-editor[contenteditable="true"]').click();
    await pageB.keyboard.press('Home');
    await pageA.keyboard.press('End');
    await Promise.all([pageA.keyboard.type(' weighs a Moscow conference.', { delay: 15 }), pageB.keyboard.type('Shultz reads: ', { delay: 15 })]);

    const expected = 'Shultz reads: The memo weighs a Moscow conference.';
    expect(await untilParagraph(pageA, expected, 'isAsLongAs')).toBe(expected);
    expect(await untilParagraph(pageB, expected, 'isAsLongAs')).toBe(expected);
    // Each sees the other's caret, with their name.
    await pageA.locator('.commentary-caret-name', { hasText: 'Bea Member' }).waitFor();
  });

  it('lets one cite a passage and the other follow the citation to it', async () => {
    await pageA.keyboard.press('End');
    const selected = await selectBetween(pageA, 'new leader', 'ship');
    await pageA.getByRole('button', { name: 'Cite in commentary' }).click();
    await pageA.locator('.commentary-citation').waitFor();

    const citation = pageB.locator('.commentary-citation');
    await citation.waitFor();
    expect(await citation.locator('.commentary-citation-quote').textContent()).toBe('new leadership');
    expect(await citation.locator('.commentary-citation-page').textContent()).toMatch(/^p\. \d+$/);

    // Bea is elsewhere in the document; the citation brings her to the passage, selected.
    await clearSelection(pageB);
    await pageB.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await citation.click();
    const followed = await readSelectionInfo(pageB);
    expect({ start: followed.start, end: followed.end }).toEqual({ start: selected.start, end: selected.end });
    const inView = await pageB.evaluate(() => {
      const range = document.getSelection()!.getRangeAt(0).getBoundingClientRect();
      return range.top >= 0 && range.bottom <= window.innerHeight;
    });
    expect(inView).toBe(true);
  });

  it('undoes only one’s own change: Ada’s citation goes, Bea’s later words stay', async () => {
    await pageB.locator('.commentary-editor p').first().click();
    await pageB.keyboard.press('End');
    await pageB.keyboard.type(' Indeed.');
    const expected = 'Shultz reads: The memo weighs a Moscow conference. Indeed.';
    await untilParagraph(pageA, expected);
    await pageA.locator('.commentary-editor').focus();
    await pageA.keyboard.press('Control+z');
    await pageB.locator('.commentary-citation').waitFor({ state: 'detached' });
    expect(await pageA.locator('.commentary-citation').count()).toBe(0);
    expect(await untilParagraph(pageB, expected)).toBe(expected);
  });

  it('cites an annotation by its author and first words, opens its thread, and says when it is deleted', async () => {
    const text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    const commands = await openCommands(server.url, ada);
    const command = createAnnotationCommand({ text, quote: 'Radio jamming must cease', groupId: pagePath.split('/')[2]!, documentId, body: 'Jamming of the Voice of America ended in 1987, a year after this memo.' });
    await commands.apply(command);
    // The drawer lies over the margin: Bea closes it, opens the card, and cites it from there.
    await pageB.getByRole('button', { name: 'Commentary', exact: true }).click();
    const card = pageB.locator('.margin-cards .card', { hasText: 'Jamming of the Voice' });
    await card.click();
    await card.getByRole('button', { name: 'Add to commentary' }).click();
    await pageB.locator('.commentary-panel').waitFor();

    const reference = (page: Page) => page.locator(`.commentary-annotation-ref[data-annotation-id="${command.annotationId}"]`);
    await reference(pageA).waitFor();
    expect(await reference(pageA).textContent()).toBe('Ada Owner: “Jamming of the Voice of America ended in 1987, a year after…”');
    await reference(pageA).click();
    await pageA.locator(`.card.is-focused`, { hasText: 'Jamming of the Voice' }).waitFor();

    await commands.apply({ type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: command.annotationId });
    // Deleted without replies, it leaves the layer altogether; the reference says so either way.
    await reference(pageB).filter({ hasText: 'an annotation since deleted' }).waitFor();
    commands.close();
  });

  it('shows the commentary to an observer, read-only', async () => {
    const pageO = await pages.openAs(oto, pagePath);
    await openCommentary(pageO);
    await untilParagraph(pageO, 'Shultz reads', 'startsWith');
    await pageO.locator('.commentary-editor').click();
    await pageO.keyboard.type('not mine to write');
    expect(await untilParagraph(pageO, 'Shultz reads', 'startsWith')).not.toContain('not mine');
    await pageO.locator('.commentary-status[data-state="connected"]').waitFor();
    expect(await pageO.locator('.commentary-editor').getAttribute('contenteditable')).toBe('false');
    expect(await pageO.getByRole('button', { name: 'Cite in commentary' }).count()).toBe(0);
    expect(await pageO.locator('.commentary-toolbar').isHidden()).toBe(true);
  });

  it('opens the seminar report with the commentary as its first part, on the page and in the download', async () => {
    const page = await pages.openAs(bea, pagePath);
    await page.getByRole('link', { name: 'Seminar report' }).click();
    const commentary = page.locator('.report-commentary');
    await commentary.getByText('Shultz reads: The memo weighs a Moscow conference.', { exact: false }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Markdown' }).click()]);
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown.startsWith('# Commentary: ')).toBe(true);
    expect(markdown.indexOf('Shultz reads')).toBeLessThan(markdown.indexOf('\n---\n'));
  });

  it('saves a named version, compares it with now, and restores it for everyone; an observer only compares', async () => {
    await pageA.goto(`${server.url}${pagePath}`);
    await pageA.locator('.connection[data-state="live"]').waitFor();
    await openCommentary(pageA);
    const before = await untilParagraph(pageA, 'Shultz reads', 'startsWith');
    const versionsA = pageA.locator('.commentary-versions');
    await versionsA.locator('summary').click();
    await versionsA.getByLabel('Name of the version').fill('after session 3');
    await versionsA.getByRole('button', { name: 'Save version' }).click();
    await versionsA.getByText('Saved as “after session 3”.').waitFor();

    await pageB.goto(`${server.url}${pagePath}`);
    await pageB.locator('.connection[data-state="live"]').waitFor();
    await openCommentary(pageB);
    await untilParagraph(pageB, before);
    // At the paragraph's start: its middle may be an annotation reference, which a click opens.
    await pageB.locator('.commentary-editor[contenteditable="true"] p').first().click({ position: { x: 1, y: 4 } });
    await pageB.keyboard.type('Session four disagreed. ');
    const holds = (words: string) => document.querySelector('.commentary-editor')?.textContent?.includes(words) ?? false;
    await pageA.waitForFunction(holds, 'Session four disagreed.');

    const version = versionsA.locator('.commentary-version', { hasText: 'after session 3' });
    await version.getByRole('button', { name: 'Compare with now' }).click();
    await versionsA.locator('.commentary-comparison ins').first().waitFor();
    expect((await versionsA.locator('.commentary-comparison ins').allTextContents()).join('')).toContain('Session four disagreed.');

    pageA.once('dialog', (dialog) => void dialog.accept());
    await version.getByRole('button', { name: 'Restore' }).click();
    await versionsA.getByText('The commentary reads as “after session 3” did.').waitFor();
    await pageB.waitForFunction((words) => !(document.querySelector('.commentary-editor')?.textContent?.includes(words) ?? true), 'Session four disagreed.');
    expect(await untilParagraph(pageB, before)).toBe(before);

    const pageO = await pages.openAs(oto, pagePath);
    await openCommentary(pageO);
    const versionsO = pageO.locator('.commentary-versions');
    await versionsO.locator('summary').click();
    await versionsO.locator('.commentary-version', { hasText: 'after session 3' }).getByRole('button', { name: 'Compare with now' }).click();
    await versionsO.locator('.commentary-comparison').getByText('Nothing has changed since.').waitFor();
    expect(await versionsO.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    expect(await versionsO.getByRole('button', { name: 'Save version' }).isHidden()).toBe(true);
  });

  it('ran without errors in any page', () => {
    for (const watch of pages.watches) expect(watch.problems).toEqual([]);
  });
});
