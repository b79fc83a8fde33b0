/**
 * A crowded margin in a real browser: more cards than the screen holds, of very different heights.
 * Cards far from the viewport are not laid out inside until they come near (content-visibility in
 * styles.css); their real heights arrive through the ResizeObserver, which must move the cards after
 * them before anyone sees an overlap. So the reader scrolls down the whole memo and back, and at every
 * stop the cards in view stand clear of each other and never above their passage.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRange } from '../../shared/selectors.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { openCommands } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';
const annotationCount = 120;

describe.skipIf(!hasChromium)('a crowded margin', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ada: TestUser;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    const groupId = await startSeminar({ name: 'Crowded seminar', owner: ada, documentId, members: [] });
    const text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    const commands = await openCommands(server.url, ada);
    const longBody = 'A long comment that wraps over many lines of the margin, '.repeat(8);
    for (let i = 0; i < annotationCount; i += 1) {
      // A third of them crowd the first paragraphs, so that cards push each other down in chains.
      const start = i % 3 === 0 ? 40 + ((i * 7) % 600) : Math.floor((i / annotationCount) * (text.length - 60));
      const kind = i % 5 === 0 ? 'highlight' : 'comment';
      const answer = await commands.send({
        type: 'annotation.create',
        commandId: randomUUID(),
        annotationId: randomUUID(),
        target: { type: 'group', groupId },
        documentId,
        kind,
        selectors: describeRange(text, start, start + 12),
        body: kind === 'highlight' ? '' : i % 4 === 1 ? `${i}: ${longBody}` : `Note ${i}`,
        tags: i % 2 === 0 ? ['crowd'] : [],
      });
      expect(answer.ok).toBe(true);
    }
    commands.close();
    page = await pages.openAs(ada, `/groups/${groupId}/documents/${documentId}`);
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  /** What is wrong with the cards in view now: overlaps, and cards standing above their passage. */
  const problemsInView = () =>
    page.evaluate(() => {
      const inView = [...document.querySelectorAll<HTMLElement>('.margin-cards > .card')]
        .map((card) => ({ card, box: card.getBoundingClientRect() }))
        .filter(({ box }) => box.bottom > 0 && box.top < window.innerHeight)
        .sort((a, b) => a.box.top - b.box.top);
      const problems: string[] = [];
      inView.forEach(({ card, box }, i) => {
        const previous = inView[i - 1];
        if (previous && box.top < previous.box.bottom - 0.5) problems.push(`${card.dataset.annotationId} overlaps the card above it`);
        const passage = document.querySelector(`.reader-body [data-annotations~="${card.dataset.annotationId}"]`);
        if (passage && box.top < passage.getBoundingClientRect().top - 1) problems.push(`${card.dataset.annotationId} stands above its passage`);
      });
      return { shown: inView.length, problems };
    });

  it('places every card, and none in view overlaps another or leaves its passage, all the way down and back', async () => {
    await expect.poll(() => page.locator('.margin-cards > .card').count()).toBe(annotationCount);
    expect(await page.locator('.margin-cards > .card').evaluateAll((cards) => cards.filter((card) => (card as HTMLElement).style.top === '').length)).toBe(0);

    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const stops: number[] = [];
    for (let y = 0; y < height; y += 700) stops.push(y);
    let seen = 0;
    for (const y of [...stops, ...stops.reverse()]) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      // Cards glide to new places (a short transition): each stop waits until they have settled.
      await expect.poll(async () => (await problemsInView()).problems, { timeout: 5000 }).toEqual([]);
      seen += (await problemsInView()).shown;
    }
    expect(seen).toBeGreaterThan(annotationCount);
  });
});
