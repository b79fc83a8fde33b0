/**
 * @mentions in real browsers: in the composer B types `@` and picks seminar members from the list
 * with the keyboard (the list is a combobox's listbox), the saved card shows the names, not links,
 * and the members are notified; private notes get no list; in an edit form Escape closes the list
 * before it cancels the form; in a reply a click picks the member.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationRecord } from '../../shared/notifications.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { selectBetween } from './reader-page.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('@mentions', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ada: TestUser;
  let bea: TestUser;
  let cleo: TestUser;
  let pagePath: string;
  let pageB: Page;

  const card = (page: Page, hasText: string) => page.locator('.margin-cards .card', { hasText });
  const list = (page: Page) => page.getByRole('listbox', { name: 'Members to mention' });
  const notificationsOf = async (user: TestUser) =>
    (await user.client.get<{ notifications: NotificationRecord[] }>('/api/notifications')).body.notifications;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    cleo = await signUpUser(server.url, 'Cléo Dupont');
    const group = await startSeminar({ name: 'Mention seminar', owner: ada, documentId, members: [[bea, 'member'], [cleo, 'member']] });
    pagePath = `/groups/${group}/documents/${documentId}`;
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('suggests the other members after @ in the composer, chosen with the arrows and Enter, Escape and Tab', async () => {
    pageB = await openAs(bea);
    await selectBetween(pageB, 'new leader', 'ship');
    await pageB.getByRole('button', { name: 'Annotate' }).click();
    const note = pageB.getByLabel('Note', { exact: true });
    await note.pressSequentially('Ask @');
    await list(pageB).waitFor();
    // Everyone but the writer, by name.
    expect(await list(pageB).getByRole('option').allTextContents()).toEqual(['Ada Owner', 'Cléo Dupont']);
    expect(await note.getAttribute('role')).toBe('combobox');
    expect(await note.getAttribute('aria-expanded')).toBe('true');
    expect(await note.getAttribute('aria-controls')).toBe(await list(pageB).getAttribute('id'));
    const active = () => note.getAttribute('aria-activedescendant').then((id) => pageB.locator(`[id="${id}"]`).textContent());
    expect(await active()).toBe('Ada Owner');

    await pageB.keyboard.press('ArrowDown');
    expect(await active()).toBe('Cléo Dupont');
    expect(await list(pageB).getByRole('option', { name: 'Cléo Dupont' }).getAttribute('aria-selected')).toBe('true');
    await pageB.keyboard.press('Enter');
    await list(pageB).waitFor({ state: 'hidden' });
    expect(await note.inputValue()).toBe(`Ask [@Cléo Dupont](mention:${cleo.id}) `);
    expect(await note.getAttribute('aria-expanded')).toBe('false');

    // Accents and case do not matter; Escape closes the list and leaves the composer open.
    await note.pressSequentially('and @ad');
    expect(await list(pageB).getByRole('option').allTextContents()).toEqual(['Ada Owner']);
    await pageB.keyboard.press('Escape');
    await list(pageB).waitFor({ state: 'hidden' });
    expect(await pageB.getByRole('form', { name: 'New annotation' }).count()).toBe(1);
    await note.pressSequentially('a');
    await list(pageB).waitFor();
    await pageB.keyboard.press('Tab');
    expect(await note.inputValue()).toBe(`Ask [@Cléo Dupont](mention:${cleo.id}) and [@Ada Owner](mention:${ada.id}) `);
    expect(await note.evaluate((field) => field === document.activeElement)).toBe(true);
  });

  it('offers no list for a private note', async () => {
    const note = pageB.getByLabel('Note', { exact: true });
    await pageB.getByLabel('Visible to').selectOption('private');
    // The members are known by now, so a list would be open as soon as the keys are typed.
    await note.pressSequentially('@C');
    expect(await note.getAttribute('aria-expanded')).toBe('false');
    expect(await list(pageB).isHidden()).toBe(true);
    await note.press('Backspace');
    await note.press('Backspace');
    await pageB.getByLabel('Visible to').selectOption('group');
  });

  it('shows the saved mentions as names, not links, and notifies the members mentioned', async () => {
    await pageB.getByRole('button', { name: 'Save annotation' }).click();
    const saved = card(pageB, 'Ask');
    await saved.locator('.mention', { hasText: '@Ada Owner' }).waitFor();
    expect(await saved.locator('.mention').allTextContents()).toEqual(['@Cléo Dupont', '@Ada Owner']);
    expect(await saved.locator('a').count()).toBe(0);
    await expect.poll(async () => (await notificationsOf(cleo)).map((item) => item.kind)).toEqual(['mention']);
    expect((await notificationsOf(ada)).map((item) => `${item.kind} from ${item.actor.name}`)).toEqual(['mention from Bea Member']);
  });

  it('closes the list with Escape before Escape cancels an edit', async () => {
    // The card just saved is the open one.
    const saved = card(pageB, 'Ask');
    await saved.getByRole('button', { name: 'Edit', exact: true }).click();
    const field = pageB.getByLabel('Edit your annotation');
    await field.press('End');
    await field.pressSequentially(' @cl');
    await list(pageB).waitFor();
    await field.press('Escape');
    await list(pageB).waitFor({ state: 'hidden' });
    expect(await field.isVisible()).toBe(true);
    await field.press('Escape');
    await field.waitFor({ state: 'detached' });
  });

  it('lets a click pick the member in a reply', async () => {
    const pageA = await openAs(ada);
    const target = card(pageA, 'Ask');
    await target.getByRole('button', { name: 'Open thread' }).click();
    const reply = target.getByPlaceholder('Write a reply');
    await reply.pressSequentially('Thanks @b');
    await list(pageA).getByRole('option', { name: 'Bea Member' }).click();
    expect(await reply.inputValue()).toBe(`Thanks [@Bea Member](mention:${bea.id}) `);
    await target.getByRole('button', { name: 'Reply', exact: true }).click();
    await card(pageB, 'Ask').locator('.reply .mention', { hasText: '@Bea Member' }).waitFor();
  });

  it('met no console error or CSP violation', () => {
    for (const watch of pages.watches) expect(watch.problems).toEqual([]);
  });

  function openAs(user: TestUser): Promise<Page> {
    return pages.openAs(user, pagePath);
  }
});
