/**
 * History, replay and notifications in real browsers: A edits an annotation twice; B opens its
 * history and sees both diffs; B drags the replay slider back before A's later annotation existed
 * and it leaves the margin, then returns when B lets go; from the keyboard a past moment holds
 * until Escape or leaving the slider; B's inbox counts A's reply live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../shared/annotations.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, type CommandClient } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('history, replay and notifications', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestUser;
  let bea: TestUser;
  let groupId: string;
  let text: string;
  let pagePath: string;
  let commandsA: CommandClient;
  let commandsB: CommandClient;
  let pageB: Page;
  let later: AnnotationRecord;
  let pages: SignedInPages;

  const openAs = (user: TestUser, path: string) => pages.openAs(user, path);

  const card = (page: Page, hasText: string) => page.locator('.margin-cards .card', { hasText });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    groupId = await startSeminar({ name: 'History seminar', owner: ada, documentId, members: [[bea, 'member']] });
    text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    pagePath = `/groups/${groupId}/documents/${documentId}`;
    commandsA = await openCommands(server.url, ada);
    commandsB = await openCommands(server.url, bea);

    const first = createAnnotationCommand({ text, quote: 'new leader', groupId, documentId, body: 'First thought about the memo' });
    expect((await commandsA.send(first)).ok).toBe(true);
    for (const body of ['Second thought about the memo', 'Second thought about the whole memo']) {
      const edit = { type: 'annotation.edit', commandId: crypto.randomUUID(), annotationId: first.annotationId, body };
      expect((await commandsA.send(edit)).ok).toBe(true);
    }
    // A clear gap, so that a moment between the two annotations is easy to pick.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const second = createAnnotationCommand({ text, quote: text.slice(600, 640).trim(), groupId, documentId, body: 'A later remark' });
    const result = await commandsA.send(second);
    if (!result.ok || !result.annotation) throw new Error('the later annotation was not created');
    later = result.annotation;
  });

  afterAll(async () => {
    commandsA?.close();
    commandsB?.close();
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('shows B the history of A’s annotation with both diffs', async () => {
    pageB = await openAs(bea, pagePath);
    await card(pageB, 'whole memo').getByRole('button', { name: 'Edited · history' }).click();
    const dialog = pageB.getByRole('dialog', { name: 'History' });
    await dialog.locator('.revision').nth(2).waitFor();
    expect(await dialog.locator('.revision').count()).toBe(3);
    // Newest first: the second edit added "whole", the first replaced "First" with "Second".
    const newest = dialog.locator('.revision').nth(0);
    expect(await newest.locator('ins').allTextContents()).toEqual([expect.stringContaining('whole')]);
    const middle = dialog.locator('.revision').nth(1);
    expect((await middle.locator('del').allTextContents()).join('')).toContain('First');
    expect((await middle.locator('ins').allTextContents()).join('')).toContain('Second');
    // B is not the author: nothing to restore.
    expect(await dialog.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('shows the layer before the later annotation while B drags the slider, and the present when B lets go', async () => {
    await card(pageB, 'A later remark').waitFor();
    await pageB.getByRole('button', { name: 'Replay' }).click();
    await pageB.locator('.replay-label', { hasText: 'Live' }).waitFor();
    const slider = pageB.locator('.replay-range');
    const box = await slider.boundingBox();
    if (!box) throw new Error('the replay slider has no box');
    const [min, max] = (await slider.evaluate((input: HTMLInputElement) => [input.min, input.max])).map(Number) as [number, number];
    // A moment in the gap between the last edit and the later annotation.
    const wanted = Date.parse(later.createdAt) - 700;
    const y = box.y + box.height / 2;
    await pageB.mouse.move(box.x + box.width - 4, y);
    await pageB.mouse.down();
    // The thumb's travel is a little shorter than the box: aim, read where it landed, and correct once.
    let x = box.x + ((wanted - min) / (max - min)) * box.width;
    await pageB.mouse.move(x, y, { steps: 4 });
    const landed = Number(await slider.inputValue());
    x += ((wanted - landed) / (max - min)) * box.width;
    await pageB.mouse.move(x, y, { steps: 2 });
    const held = Number(await slider.inputValue());
    expect(Math.abs(held - wanted)).toBeLessThan(500);

    await pageB.locator('.replay-label', { hasText: 'read-only' }).waitFor();
    await card(pageB, 'A later remark').waitFor({ state: 'detached' });
    await card(pageB, 'whole memo').waitFor();
    expect(await pageB.getByRole('button', { name: 'Annotate' }).count()).toBe(0);

    await pageB.mouse.up();
    await card(pageB, 'A later remark').waitFor();
    await pageB.locator('.replay-label', { hasText: 'Live' }).waitFor();
    await pageB.getByRole('button', { name: 'Annotate' }).waitFor();
    expect(Number(await slider.inputValue())).toBe(max);
  });

  it('holds a moment chosen from the keyboard until Escape, or until the slider loses focus', async () => {
    const slider = pageB.locator('.replay-range');
    await slider.focus();
    // Home: a second before the first event, when the layer was empty.
    await pageB.keyboard.press('Home');
    await pageB.locator('.replay-label', { hasText: 'read-only' }).waitFor();
    await card(pageB, 'whole memo').waitFor({ state: 'detached' });
    await pageB.keyboard.press('ArrowRight');
    await pageB.locator('.replay-label', { hasText: 'read-only' }).waitFor();
    // Held: the keys are up, and the past they chose is still shown (a restore on keyup would have dropped it).
    expect(await card(pageB, 'A later remark').count()).toBe(0);
    expect(await pageB.getByRole('button', { name: 'Back to now' }).isEnabled()).toBe(true);

    await pageB.keyboard.press('Escape');
    await card(pageB, 'A later remark').waitFor();
    await pageB.locator('.replay-label', { hasText: 'Live' }).waitFor();
    expect(await slider.evaluate((input) => input === document.activeElement)).toBe(true);

    await pageB.keyboard.press('Home');
    await card(pageB, 'whole memo').waitFor({ state: 'detached' });
    await pageB.keyboard.press('Tab');
    await card(pageB, 'whole memo').waitFor();
    await card(pageB, 'A later remark').waitFor();
    await pageB.locator('.replay-label', { hasText: 'Live' }).waitFor();
  });

  it('returns to the present with "Back to now"', async () => {
    await pageB.locator('.replay-range').focus();
    await pageB.keyboard.press('Home');
    await card(pageB, 'whole memo').waitFor({ state: 'detached' });
    await pageB.getByRole('button', { name: 'Back to now' }).click();
    await card(pageB, 'A later remark').waitFor();
    await pageB.getByRole('button', { name: 'Annotate' }).waitFor();
  });

  it('counts A’s reply to B’s annotation in B’s inbox, live, and shows B’s annotation in A’s activity feed', async () => {
    const pageA = await openAs(ada, `/groups/${groupId}`);
    await pageA.getByRole('heading', { name: 'Activity' }).waitFor();
    // The feed starts with what happened before the page opened: Ada's edits from the set-up.
    await pageA.locator('.activity-item', { hasText: /Ada \w+ edited/ }).first().waitFor();
    // The page has joined the group's room once presence names A.
    await pageA.waitForTimeout(500);
    const mine = createAnnotationCommand({ text, quote: text.slice(900, 930).trim(), groupId, documentId, body: 'Bea asks a question' });
    expect((await commandsB.send(mine)).ok).toBe(true);
    expect(await pageB.locator('.inbox-badge').isHidden()).toBe(true);
    const activity = pageA.locator('.activity-item', { has: pageA.locator(`a[href$="#annotation-${mine.annotationId}"]`) });
    await activity.waitFor();
    expect(await activity.textContent()).toMatch(/Bea Member annotated p\. \d+: ‘/);
    expect(await activity.locator('a').getAttribute('href')).toBe(`${pagePath}#annotation-${mine.annotationId}`);
    const reply = { type: 'reply.create', commandId: crypto.randomUUID(), replyId: crypto.randomUUID(), annotationId: mine.annotationId, parentId: null, body: 'Ada answers' };
    expect((await commandsA.send(reply)).ok).toBe(true);
    await pageB.locator('.inbox-badge', { hasText: '1' }).waitFor();
    await pageB.getByRole('button', { name: /^Inbox/ }).click();
    const item = pageB.locator('.inbox-item', { hasText: 'Ada answers' });
    await item.waitFor();
    await item.getByRole('button', { name: 'Mark read' }).click();
    await pageB.locator('.inbox-badge').waitFor({ state: 'hidden' });
  });

  it('builds the seminar report in text order, with page numbers and a Markdown download', async () => {
    await pageB.goto(`${server.url}${pagePath}`);
    await pageB.getByRole('link', { name: 'Seminar report' }).click();
    await pageB.waitForURL((url) => url.pathname === `${pagePath}/report`);
    const entries = pageB.locator('.report-entry');
    await entries.nth(2).waitFor();
    expect(await entries.count()).toBe(3);
    const headings = await entries.locator('h2').allTextContents();
    for (const heading of headings) expect(heading).toMatch(/^\d\. \w+, pp?\. \d+/);
    // In the order of the text: by where each quote starts.
    const bodies = [
      { start: text.indexOf('new leader'), body: 'whole memo' },
      { start: text.indexOf(text.slice(600, 640).trim()), body: 'A later remark' },
      { start: text.indexOf(text.slice(900, 930).trim()), body: 'Bea asks a question' },
    ].sort((a, b) => a.start - b.start);
    for (const [index, { body }] of bodies.entries()) expect(await entries.nth(index).textContent()).toContain(body);
    expect(await entries.locator('.report-thread').textContent()).toContain('Ada answers');
    expect(await pageB.getByRole('link', { name: 'Download Markdown' }).getAttribute('href')).toMatch(/^blob:/);
  });

  it('lets the owner present and a member follow her scrolling and her open card', async () => {
    const pageA = await openAs(ada, pagePath);
    await pageB.goto(`${server.url}${pagePath}`);
    await pageB.locator('.connection[data-state="live"]').waitFor();
    // Only owners and moderators may present.
    expect(await pageB.getByRole('button', { name: 'Present' }).isHidden()).toBe(true);
    await pageA.getByRole('button', { name: 'Present' }).click();
    await pageB.locator('.seminar-status', { hasText: 'Ada Owner is presenting' }).waitFor();
    await pageB.getByRole('button', { name: 'Follow Ada Owner' }).click();
    await pageA.locator('.seminar-status', { hasText: 'following: Bea Member' }).waitFor();

    await card(pageA, 'Bea asks a question').getByRole('button', { name: /reply|thread/ }).click();
    await card(pageB, 'Bea asks a question').locator('.reply', { hasText: 'Ada answers' }).waitFor();
    await pageA.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await pageB.waitForFunction(() => window.scrollY > 400);

    await pageB.getByRole('button', { name: 'Stop following' }).click();
    await pageA.locator('.seminar-status', { hasText: /^You are presenting$/ }).waitFor();
  });

  it('lets the author restore an earlier revision, which becomes a new one', async () => {
    const pageA = await openAs(ada, pagePath);
    await card(pageA, 'whole memo').getByRole('button', { name: 'Edited · history' }).click();
    const dialog = pageA.getByRole('dialog', { name: 'History' });
    await dialog.locator('.revision[data-revision="1"]').getByRole('button', { name: 'Restore' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card(pageB, 'First thought about the memo').waitFor();
    await card(pageB, 'First thought').getByRole('button', { name: 'Edited · history' }).click();
    const seen = pageB.getByRole('dialog', { name: 'History' });
    await seen.locator('.revision').nth(3).waitFor();
    expect((await seen.locator('.revision').nth(0).locator('ins').allTextContents()).join('')).toContain('First');
    await seen.getByRole('button', { name: 'Close' }).click();
  });

  it('lists the document’s timeline, newest first, filtered by kind of change', async () => {
    await pageB.getByRole('link', { name: 'History of this document' }).click();
    await pageB.waitForURL((url) => url.pathname === `${pagePath}/history`);
    await pageB.locator('.timeline-event').first().waitFor();
    expect(await pageB.locator('.timeline-event').first().getAttribute('data-action')).toBe('edited');
    await pageB.getByLabel('Change').selectOption('edited');
    await pageB.getByRole('button', { name: 'Filter' }).click();
    await pageB.waitForFunction(() => [...document.querySelectorAll('.timeline-event')].every((item) => item.getAttribute('data-action') === 'edited'));
    // Two edits and the restoration.
    await expect.poll(() => pageB.locator('.timeline-event').count()).toBe(3);
    expect(await pageB.locator('.timeline-event a').first().getAttribute('href')).toMatch(/#annotation-/);
  });

  it('met no console error or CSP violation', () => {
    for (const watch of pages.watches) expect(watch.problems).toEqual([]);
  });
});
