/**
 * Orphans in real browsers: annotations whose passages are not in the text are listed under
 * "Orphans"; their author (and no one else) re-attaches them to a passage selected with the mouse
 * or the keyboard, and the card and its highlight then stand beside the new passage, for the author
 * and for another member. A re-attachment written offline is pending until the connection returns;
 * one the server refuses comes back as the margin's notice.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Selectors } from '../../shared/selectors.ts';
import { updateAnnotation } from '../../server/repos/annotations.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { readSelectionInfo, selectBetween } from './reader-page.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

/** Words of an earlier transcription that this one does not have, not even approximately. */
const lostQuote = 'Xyzzy plugh frobozz quux garply waldo';
const lostSelectors: Selectors = {
  position: { type: 'TextPositionSelector', start: 120, end: 120 + lostQuote.length },
  quote: { type: 'TextQuoteSelector', exact: lostQuote, prefix: 'an earlier ', suffix: ' transcription' },
};

describe.skipIf(!hasChromium)('orphans: re-attaching an annotation whose passage is gone', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestUser;
  let bea: TestUser;
  let groupId: string;
  let text: string;
  let pages: SignedInPages;
  let pageA: Page;
  let pageB: Page;
  /** Ada's orphans, by body. */
  const ids: Record<string, string> = {};

  const orphan = (page: Page, id: string) => page.locator(`.orphans #annotation-${id}`);
  const placed = (page: Page, id: string) => page.locator(`.margin-cards #annotation-${id}`);
  const highlightOf = (page: Page, id: string) => page.locator(`.reader-body [data-annotations~="${id}"]`);

  /** Ada's note, written on a passage of this text and then given selectors this text lacks. */
  async function makeOrphan(body: string): Promise<void> {
    const command = createAnnotationCommand({ text, quote: 'human rights', groupId, documentId, body });
    expect((await ada.client.post<{ ok: boolean }>('/api/commands', command)).body.ok).toBe(true);
    await updateAnnotation(server.db, command.annotationId, { selectors: lostSelectors });
    ids[body] = command.annotationId;
  }

  /** Out of the orphans, into the margin's cards, with the passage highlighted. */
  async function expectAttached(page: Page, id: string, passage: string): Promise<void> {
    await placed(page, id).waitFor();
    await expect.poll(() => orphan(page, id).count()).toBe(0);
    await expect.poll(async () => (await highlightOf(page, id).allTextContents()).join('')).toBe(passage);
  }

  /** A card alone near its passage stands level with it (a crowded one may be pushed down). */
  async function expectLevelWithPassage(page: Page, id: string): Promise<void> {
    await expect
      .poll(async () => {
        const cardBox = await placed(page, id).boundingBox();
        const markBox = await highlightOf(page, id).first().boundingBox();
        return Math.abs((cardBox?.y ?? 0) - (markBox?.y ?? 1000));
      })
      .toBeLessThan(40);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Author');
    bea = await signUpUser(server.url, 'Bea Member');
    groupId = await startSeminar({ name: 'Orphans seminar', owner: ada, documentId, members: [[bea, 'member']] });
    text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    // Rooms are built from the rows when they open: the orphans are made before any page opens.
    for (const body of ['Moved by mouse', 'Moved by keyboard', 'Refused']) await makeOrphan(body);
    const path = `/groups/${groupId}/documents/${documentId}`;
    pageA = await pages.openAs(ada, path);
    pageB = await pages.openAs(bea, path);
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('lists the orphans with no highlight, and offers Re-attach to their author alone', async () => {
    for (const page of [pageA, pageB]) {
      await page.locator('.orphans .margin-heading', { hasText: 'Orphans (3)' }).waitFor();
      expect(await highlightOf(page, ids['Moved by mouse'] ?? '').count()).toBe(0);
    }
    expect(await orphan(pageA, ids['Moved by mouse'] ?? '').getByRole('button', { name: 'Re-attach' }).count()).toBe(1);
    expect(await pageB.locator('.orphans .card').count()).toBe(3);
    expect(await pageB.getByRole('button', { name: 'Re-attach' }).count()).toBe(0);
  });

  it('asks for the passage, puts the keyboard in the text, and gives it back on Escape', async () => {
    const button = orphan(pageA, ids['Moved by keyboard'] ?? '').getByRole('button', { name: 'Re-attach' });
    await button.click();
    const prompt = pageA.locator('.reattach-prompt');
    await prompt.getByText('Select the passage this note belongs to').waitFor();
    expect(await prompt.textContent()).toContain(lostQuote);
    expect(await pageA.getByRole('button', { name: 'Annotate' }).isVisible()).toBe(false);
    expect(await pageA.getByRole('button', { name: 'Attach here' }).isDisabled()).toBe(true);
    expect(await pageA.evaluate(() => document.activeElement?.classList.contains('reader-body'))).toBe(true);

    await pageA.keyboard.press('Escape');
    await prompt.waitFor({ state: 'hidden' });
    expect(await pageA.getByRole('button', { name: 'Attach here' }).isVisible()).toBe(false);
    expect(await pageA.getByRole('button', { name: 'Annotate' }).isVisible()).toBe(true);
    expect(await pageA.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focusKey)).toBe(`reattach:${ids['Moved by keyboard']}`);
  });

  it('re-attaches with the mouse: pending while offline, then beside its passage for both members', async () => {
    const id = ids['Moved by mouse'] ?? '';
    await orphan(pageA, id).getByRole('button', { name: 'Re-attach' }).click();
    await selectBetween(pageA, 'Radio jamming must', 'cease');
    await pages.contexts[0]?.setOffline(true);
    await pageA.locator('.connection[data-state="offline"]').waitFor();
    await pageA.getByRole('button', { name: 'Attach here' }).click();
    // Sent through the outbox like any command: shown pending, still an orphan until the server says so.
    await orphan(pageA, id).locator('.badge-pending').waitFor();
    expect(await orphan(pageA, id).getByRole('button', { name: 'Re-attach' }).count()).toBe(0);
    expect(await pageA.locator('.reattach-prompt').isVisible()).toBe(false);

    await pages.contexts[0]?.setOffline(false);
    for (const page of [pageA, pageB]) {
      await expectAttached(page, id, 'Radio jamming must cease');
      await expectLevelWithPassage(page, id);
    }
    expect(await placed(pageA, id).locator('.badge-pending').count()).toBe(0);
    await pageB.locator('.orphans .margin-heading', { hasText: 'Orphans (2)' }).waitFor();
  });

  it('re-attaches with the keyboard alone', async () => {
    const id = ids['Moved by keyboard'] ?? '';
    await orphan(pageA, id).getByRole('button', { name: 'Re-attach' }).focus();
    await pageA.keyboard.press('Enter');
    await pageA.locator('.reattach-prompt').waitFor();
    await pageA.keyboard.press('ArrowDown');
    for (let i = 0; i < 3; i++) await pageA.keyboard.press('Shift+Control+ArrowRight');
    const selected = await readSelectionInfo(pageA);
    expect(await pageA.getByRole('button', { name: 'Attach here' }).isEnabled()).toBe(true);
    await pageA.keyboard.press('Enter');

    await expectAttached(pageA, id, text.slice(selected.start, selected.end));
    // The keyboard follows the note to its new place.
    await expect.poll(() => pageA.evaluate(() => document.activeElement?.id)).toBe(`annotation-${id}`);
    await expectAttached(pageB, id, text.slice(selected.start, selected.end));
  });

  it('shows a refused re-attachment as the margin’s notice', async () => {
    const id = ids.Refused ?? '';
    await orphan(pageA, id).getByRole('button', { name: 'Re-attach' }).click();
    await selectBetween(pageA, 'Emigration must be', 'freed up');
    await pages.contexts[0]?.setOffline(true);
    await pageA.locator('.connection[data-state="offline"]').waitFor();
    await pageA.getByRole('button', { name: 'Attach here' }).click();
    await orphan(pageA, id).locator('.badge-pending').waitFor();
    // Meanwhile the note is deleted (from another of Ada's tabs): the re-attachment can no longer apply.
    expect((await ada.client.post<{ ok: boolean }>('/api/commands', { type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: id })).body.ok).toBe(true);
    await pages.contexts[0]?.setOffline(false);
    await pageA.locator('.margin-notices .notice', { hasText: 'Not saved (re-attachment)' }).waitFor();
    expect(await highlightOf(pageA, id).count()).toBe(0);
  });

  it('logged no console errors', () => {
    // Going offline makes Chromium log the failed reconnection attempts; those are the test's doing.
    const problems = pages.watches.flatMap((watch) => watch.problems).filter((problem) => !problem.includes('ERR_INTERNET_DISCONNECTED'));
    expect(problems).toEqual([]);
  });
});
