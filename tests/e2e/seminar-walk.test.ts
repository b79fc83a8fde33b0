/**
 * Accounts and seminars in two real browsers against the real server: an owner signs up, starts a
 * seminar and makes an invite link; a second person, in a separate browser profile, opens the link
 * signed out, signs up, comes back, joins; each sees the other online without reloading.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signInWithForm, signUpWithForm, waitForOnline, type Person } from './account-forms.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { watchConsole, type ConsoleWatch } from './console-watch.ts';
import { horizontalOverflow } from './reader-page.ts';

const ada: Person = { name: 'Ada Owner', email: 'ada@example.org', password: 'correct horse battery' };
const bea: Person = { name: 'Bea Student', email: 'bea@example.org', password: 'staple tuning fork' };

describe.skipIf(!hasChromium)('a seminar, from sign-up to live presence', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const watches: ConsoleWatch[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  /** A separate browser profile (its own cookies), with its console watched. */
  async function openProfile(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1100, height: 1000 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    contexts.push(context);
    const page = await context.newPage();
    watches.push(watchConsole(page));
    return page;
  }

  let pageA: Page;
  let pageB: Page;
  let groupPath: string;
  let inviteUrl: string;

  it('signs the first person up; they own the demo seminar', async () => {
    pageA = await openProfile();
    await pageA.goto(`${server.url}/signup`);
    await signUpWithForm(pageA, ada);
    expect(new URL(pageA.url()).pathname).toBe('/groups');
    await expect.poll(() => pageA.locator('.account-nav').textContent()).toContain(ada.name);
    const demo = pageA.locator('.group-summary', { hasText: 'Demo seminar' });
    await demo.waitFor();
    expect(await demo.locator('.group-summary-meta').textContent()).toBe('Owner · 1 member');
  });

  it('creates a seminar and lands on its page', async () => {
    await pageA.getByLabel('Name', { exact: true }).fill('Cold War Seminar');
    await pageA.getByLabel('Description').fill('Reading FRUS on détente, one volume a month.');
    await pageA.getByRole('button', { name: 'Create seminar' }).click();
    await pageA.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
    groupPath = new URL(pageA.url()).pathname;
    expect(await pageA.locator('h1').textContent()).toBe('Cold War Seminar');
    expect(await pageA.locator('.member').count()).toBe(1);
  });

  it('makes an invite link and copies it', async () => {
    await pageA.getByLabel('Joins as').selectOption('member');
    await pageA.getByRole('button', { name: 'Create invite link' }).click();
    const copy = pageA.locator('.invite-copy');
    await copy.waitFor();
    inviteUrl = (await copy.getAttribute('data-url')) ?? '';
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invites/[A-Za-z0-9_-]{16,64}$`));
    expect(await pageA.locator('.invite-meta').textContent()).toContain('Member · 0 uses · never expires');
    await copy.click();
    await expect.poll(() => pageA.locator('.invites .form-message').textContent()).toBe('Invite link copied.');
    expect(await pageA.evaluate(() => navigator.clipboard.readText())).toBe(inviteUrl);
  });

  it('leads a signed-out visitor through sign-up and back to join', async () => {
    pageB = await openProfile();
    await pageB.goto(inviteUrl);
    await pageB.getByRole('heading', { name: 'Join Cold War Seminar as member' }).waitFor();
    await pageB.screenshot({ path: '/tmp/invite-page.png' });
    await pageB.getByRole('link', { name: 'Sign up', exact: true }).last().click();
    const invitePath = new URL(inviteUrl).pathname;
    expect(new URL(pageB.url()).searchParams.get('next')).toBe(invitePath);
    await signUpWithForm(pageB, bea);
    expect(new URL(pageB.url()).pathname).toBe(invitePath);
    await pageB.getByRole('button', { name: 'Join seminar' }).click();
    await pageB.waitForURL((url) => url.pathname === groupPath);
  });

  it('shows both members on both pages, each seeing the other online, live', async () => {
    // A's page has not been reloaded since before B existed.
    for (const page of [pageA, pageB]) {
      await waitForOnline(page, ada.name);
      await waitForOnline(page, bea.name);
      expect(await page.locator('.member').count()).toBe(2);
      expect(await page.locator('.online-now li').allTextContents()).toEqual(expect.arrayContaining([ada.name, bea.name]));
    }
    expect(await pageA.locator('.invite-meta').textContent()).toContain('1 use');
  });

  it('lets the owner make the new member an observer, which the member sees live', async () => {
    await pageA.getByLabel(`Role of ${bea.name}`).selectOption('observer');
    await pageA.locator('.member', { hasText: bea.name }).getByRole('button', { name: 'Change role' }).click();
    await expect.poll(() => pageA.locator('.group-page > .form-message').textContent()).toBe(`${bea.name} is now an observer.`);
    expect(await pageA.getByLabel(`Role of ${bea.name}`).inputValue()).toBe('observer');
    await pageA.screenshot({ path: '/tmp/group-page.png', fullPage: true });
    // B's page is not reloaded: 'group:updated' makes it fetch the group again.
    await expect.poll(() => pageB.locator('.group-my-role').textContent()).toContain('You are an observer');
    expect(await pageB.locator('.member', { hasText: bea.name }).locator('.member-role').textContent()).toBe('Observer');
    await pageB.screenshot({ path: '/tmp/group-page-observer.png', fullPage: true });
  });

  it('fits a phone screen without sideways scrolling', async () => {
    await pageA.setViewportSize({ width: 390, height: 900 });
    expect(await horizontalOverflow(pageA)).toBe(0);
    await pageA.screenshot({ path: '/tmp/group-page-phone.png', fullPage: true });
    await pageA.setViewportSize({ width: 1100, height: 1000 });
  });

  it('says when a member goes offline', async () => {
    await pageB.close();
    await pageA.locator('.member:not(.is-online)', { hasText: bea.name }).waitFor();
    expect(await pageA.locator('.online-now li').allTextContents()).toEqual([ada.name]);
  });

  it('tells a removed member at once that they are no longer in the seminar', async () => {
    const context = contexts[1];
    if (!context) throw new Error('no second profile');
    pageB = await context.newPage();
    watches.push(watchConsole(pageB));
    await pageB.goto(`${server.url}${groupPath}`);
    await waitForOnline(pageA, bea.name);
    pageA.once('dialog', (dialog) => void dialog.accept());
    await pageA.locator('.member', { hasText: bea.name }).getByRole('button', { name: 'Remove' }).click();
    await pageB.getByText('You are no longer a member of this seminar.').waitFor();
    await expect.poll(() => pageA.locator('.member').count()).toBe(1);
  });

  it('logged no console errors and no Content-Security-Policy violations', () => {
    expect(watches.flatMap((watch) => watch.problems)).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('signing in', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    const response = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ada),
    });
    expect(response.status).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the server’s message for a wrong password, and signs in with the right one', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const watch = watchConsole(page);
    await page.goto(`${server.url}/signin?next=/account`);
    await signInWithForm(page, ada.email, 'not the password');
    await expect.poll(() => page.locator('.form-message-error').textContent()).toBe('The email or password is not correct');
    await page.screenshot({ path: '/tmp/signin.png', fullPage: true });
    await signInWithForm(page, ada.email, ada.password);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    // The failed sign-in is a 401 the page expected and explained; nothing else went wrong.
    expect(watch.problems.filter((problem) => !problem.includes('/api/auth/signin'))).toEqual([]);
    await page.close();
  });

  it('works from the keyboard alone, with a visible focus', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/signin`);
    // The email field has the focus on arrival.
    await page.keyboard.type(ada.email);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('autocomplete'))).toBe('current-password');
    await page.keyboard.type(ada.password);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const active = document.activeElement;
      return active instanceof HTMLButtonElement ? getComputedStyle(active).outlineStyle : 'not a button';
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/groups');
    await page.close();
  });

  it('changes the display name, and explains a wrong current password', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/signin?next=/account`);
    await signInWithForm(page, ada.email, ada.password);
    await page.waitForURL((url) => url.pathname === '/account');
    await page.getByLabel('Display name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.locator('.form-message-success').textContent()).toBe('Your name is now “Ada Lovelace”.');
    expect(await page.locator('.nav-user').textContent()).toBe('Ada Lovelace');
    await page.getByLabel('Current password').fill('not the password');
    await page.getByLabel('New password').fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('.form-message-error').textContent()).toBe('The current password is not correct');
    await page.screenshot({ path: '/tmp/account.png', fullPage: true });
    await page.close();
  });

  it('does not follow a ?next= to another site', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/signin?next=//evil.example/steal`);
    await signInWithForm(page, ada.email, ada.password);
    await page.waitForURL((url) => url.pathname === '/groups');
    expect(new URL(page.url()).origin).toBe(server.url);
    await page.close();
  });
});
