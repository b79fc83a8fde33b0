/**
 * The seminar's tag vocabulary in a real browser: the composer suggests the vocabulary's tags with
 * their descriptions, and only them once the owner locks it; the margin filters by several tags, any
 * or all of them; highlights take their first coloured tag's colour; the group page counts each tag
 * in all and by member.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/annotations.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { selectBetween } from './reader-page.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('tags in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let pages: SignedInPages;
  let ada: TestUser; // owner
  let bea: TestUser; // member
  let groupId: string;
  let text: string;
  let page: Page;
  const annotate = async (user: TestUser, quote: string, body: string, tags: string[]) => {
    const result = await user.client.post<CommandResult>('/api/commands', createAnnotationCommand({ text, groupId, documentId, quote, body, tags }));
    if (!result.body.ok) throw new Error(result.body.message);
  };
  const shownCards = () => page.locator('.margin-cards .card').evaluateAll((cards) => cards.map((card) => card.querySelector('.card-body')?.textContent?.trim() ?? '').sort());

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    await signUpUser(server.url, 'Admin');
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    groupId = await startSeminar({ name: 'Tag seminar', owner: ada, documentId, members: [[bea, 'member']] });
    text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    await ada.client.post(`/api/groups/${groupId}/tags`, { name: 'Helsinki', colour: '#27ae60', description: 'The Final Act of 1975' });
    await ada.client.post(`/api/groups/${groupId}/tags`, { name: 'leadership', colour: '#c0392b' });
    await annotate(bea, 'new leadership', 'Both tags', ['leadership', 'Helsinki']);
    await annotate(bea, 'November 1986 to host', 'Helsinki only', ['Helsinki']);
    await annotate(ada, 'cleverly gone on the offensive', 'Leadership only', ['leadership']);
    page = await pages.openAs(bea, `/groups/${groupId}/documents/${documentId}`);
    await page.locator('.margin-cards .card').nth(2).waitFor();
  });
  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('suggests the vocabulary’s tags with their descriptions as one types', async () => {
    await selectBetween(page, 'Moscow', 'Conference');
    await page.getByRole('button', { name: 'Annotate' }).click();
    await page.getByLabel('Note', { exact: true }).fill('Typed with suggestions');
    const tags = page.locator('#composer-tags');
    await tags.pressSequentially('hel');
    const options = page.locator('.tag-suggestions [role="option"]');
    await options.first().waitFor();
    expect(await options.allTextContents()).toEqual(['HelsinkiThe Final Act of 1975']);
    await page.screenshot({ path: '/tmp/tags-reader-suggestions.png' });
    await tags.press('ArrowDown');
    await tags.press('Enter');
    // A name typed in another case is written as the vocabulary spells it.
    await tags.fill('LEADERSHIP');
    await tags.press('Enter');
    expect(await page.locator('.composer .tag-chips .tag').allTextContents()).toEqual(['Helsinki×', 'leadership×']);
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await page.locator('.margin-cards .card', { hasText: 'Typed with suggestions' }).locator('.tag', { hasText: 'Helsinki' }).waitFor();
  });

  it('filters the margin by several tags, with any of them or all of them', async () => {
    await page.locator('#filter-tags summary').click();
    await page.locator('.tag-filter-option', { hasText: 'Helsinki' }).locator('input').check();
    await page.locator('.tag-filter-option', { hasText: 'leadership' }).locator('input').check();
    await expect.poll(shownCards).toEqual(['Both tags', 'Helsinki only', 'Leadership only', 'Typed with suggestions']);
    await page.locator('#filter-tag-match').selectOption('all');
    await expect.poll(shownCards).toEqual(['Both tags', 'Typed with suggestions']);
    await page.screenshot({ path: '/tmp/tags-reader-filter.png' });
    await page.locator('.tag-filter-option', { hasText: 'leadership' }).locator('input').uncheck();
    await expect.poll(shownCards).toEqual(['Both tags', 'Helsinki only', 'Typed with suggestions']);
    await page.locator('.tag-filter-option', { hasText: 'Helsinki' }).locator('input').uncheck();
    await expect.poll(shownCards).toHaveLength(4);
  });

  it('colours highlights by their first coloured tag when asked', async () => {
    const highlightOf = (quote: string) => page.locator('.reader-body .hl', { hasText: quote }).first();
    const colourOf = (quote: string) => highlightOf(quote).evaluate((node) => (node as HTMLElement).style.getPropertyValue('--tag-colour').trim());
    expect(await colourOf('cleverly gone')).toBe('');
    await page.locator('#filter-colour-tags').check();
    await expect.poll(() => colourOf('cleverly gone')).toBe('#c0392b');
    expect(await colourOf('November 1986')).toBe('#27ae60');
    const background = await highlightOf('November 1986').evaluate((node) => getComputedStyle(node).backgroundColor);
    expect(background).not.toBe('rgba(236, 196, 64, 0.3)');
    await page.screenshot({ path: '/tmp/tags-reader-coloured.png' });
    // A moderator's new colour reaches the open page over the group's socket.
    const { body } = await ada.client.get<{ tags: { id: string; name: string }[] }>(`/api/groups/${groupId}/tags`);
    const helsinki = body.tags.find((tag) => tag.name === 'Helsinki')!;
    await ada.client.patch(`/api/groups/${groupId}/tags/${helsinki.id}`, { colour: '#2980b9' });
    await expect.poll(() => colourOf('November 1986')).toBe('#2980b9');
  });

  it('offers only the vocabulary’s tags once the owner locks it', async () => {
    await ada.client.patch(`/api/groups/${groupId}/tags`, { isLocked: true });
    await selectBetween(page, 'Conference', 'Human');
    await page.getByRole('button', { name: 'Annotate' }).click();
    const tags = page.locator('#composer-tags');
    await expect.poll(() => tags.getAttribute('placeholder')).toBe('Choose one of the seminar’s tags');
    await tags.fill('Vienna');
    await tags.press('Enter');
    await page.locator('.tag-note', { hasText: '“Vienna” is not one of them' }).waitFor();
    expect(await page.locator('.composer .tag-chips .tag').count()).toBe(0);
    await tags.fill('');
    await tags.pressSequentially('lea');
    await tags.press('Enter');
    expect(await page.locator('.composer .tag-chips .tag').allTextContents()).toEqual(['leadership×']);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('counts each tag on the group page, in all and by member', async () => {
    const groupPage = await pages.openAs(bea, `/groups/${groupId}`);
    const row = (name: string) => groupPage.locator(`.tag-table tr[data-tag="${name}"]`);
    await row('Helsinki').locator('.tag-count', { hasText: '3' }).waitFor();
    expect(await row('Helsinki').locator('.tag-by-member li').allTextContents()).toEqual(['Bea Member: 3']);
    expect(await row('leadership').locator('.tag-count').textContent()).toBe('3');
    expect(await row('leadership').locator('.tag-by-member li').allTextContents()).toEqual(['Bea Member: 2', 'Ada Owner: 1']);
    // A member sees the counts, not the moderators' controls; the panel says the vocabulary is locked.
    expect(await groupPage.locator('.tag-manage').count()).toBe(0);
    await groupPage.getByText('The vocabulary is locked').waitFor();
    await groupPage.screenshot({ path: '/tmp/tags-group-page-member.png', fullPage: true });
  });

  it('lets the owner rename a tag on the group page, and the open reader shows the new name at once', async () => {
    const ownerPage = await pages.openAs(ada, `/groups/${groupId}`);
    const row = ownerPage.locator('.tag-table tr[data-tag="leadership"]');
    await row.getByText('Edit', { exact: true }).click();
    await row.getByLabel('Name of leadership').fill('Soviet leadership');
    await row.getByRole('button', { name: 'Save' }).click();
    await ownerPage.getByText('“leadership” is now “Soviet leadership” in every annotation.').waitFor();
    await ownerPage.locator('.tag-table tr[data-tag="Soviet leadership"]').waitFor();
    await ownerPage.screenshot({ path: '/tmp/tags-group-page-owner.png', fullPage: true });
    await page.locator('.margin-cards .card', { hasText: 'Leadership only' }).locator('.tag', { hasText: 'Soviet leadership' }).waitFor();
    expect(await page.locator('.margin-cards .card', { hasText: 'Both tags' }).locator('.tag').allTextContents()).toEqual(['Soviet leadership', 'Helsinki']);
  });
});
