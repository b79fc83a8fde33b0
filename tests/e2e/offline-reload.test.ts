/**
 * Reloading the reader without the network: a member opens the seminar's memo online, loses the
 * network and reloads. The service worker serves the page, its bundles and the API answers it needs;
 * the layer comes from the page's IndexedDB copy; the connection line says offline. Back online, the
 * server's state replaces the cached copy: what was added meanwhile appears, what was deleted goes,
 * also when the room was rebuilt (a new epoch) while the member was away. After signing out, an
 * offline reload shows nothing of that member's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type CommandClient, type RoomClient } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signInWithForm } from './account-forms.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';

const documentId = 'frus1981-88v41-d97';

/** The layers the page keeps (client/services/layer-cache.ts): whose, of which room, saved when. */
function cachedLayers(page: Page): Promise<{ userId: string; room: string; savedAt: string }[]> {
  return page.evaluate(async () => {
    // Opened only if the page made it: opening a missing database would create it without its store.
    if (!(await indexedDB.databases()).some((database) => database.name === 'marginalia-layers')) return [];
    return new Promise((resolve, reject) => {
      const opening = indexedDB.open('marginalia-layers');
      opening.onerror = () => reject(opening.error);
      opening.onsuccess = () => {
        const request = opening.result.transaction('layers').objectStore('layers').getAll();
        request.onsuccess = () => {
          opening.result.close();
          resolve((request.result as { userId: string; room: string; savedAt: string }[]).map(({ userId, room, savedAt }) => ({ userId, room, savedAt })));
        };
      };
    });
  }, undefined);
}

/** When the page last saved the room's layer, or null if it holds none. */
async function layerSavedAt(page: Page, room: string): Promise<string | null> {
  return (await cachedLayers(page)).find((layer) => layer.room === room)?.savedAt ?? null;
}

/** How many API answers the service worker keeps. */
function cachedAnswerCount(page: Page): Promise<number> {
  return page.evaluate(async () => ((await caches.has('marginalia-api')) ? (await (await caches.open('marginalia-api')).keys()).length : 0), undefined);
}

describe.skipIf(!hasChromium)('reloading the reader offline', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestUser;
  let bea: TestUser;
  let cal: TestUser;
  let commands: CommandClient;
  let watcher: RoomClient;
  let text: string;
  let groupId: string;
  let pagePath: string;
  let roomName: string;
  let pages: SignedInPages;
  let page: Page;
  const ids = new Map<string, string>();

  const card = (hasText: string) => page.locator('.margin-cards .card', { hasText });

  async function annotate(quote: string, body: string): Promise<void> {
    const command = createAnnotationCommand({ text, quote, groupId, documentId, body });
    expect((await commands.send(command)).ok).toBe(true);
    ids.set(body, command.annotationId);
  }

  async function remove(body: string): Promise<void> {
    const result = await commands.send({ type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: ids.get(body) });
    expect(result.ok).toBe(true);
  }

  async function setOffline(isOffline: boolean): Promise<void> {
    await page.context().setOffline(isOffline);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    cal = await signUpUser(server.url, 'Cal Member');
    groupId = await startSeminar({ name: 'Offline seminar', owner: ada, documentId, members: [[bea, 'member'], [cal, 'member']] });
    text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    pagePath = `/groups/${groupId}/documents/${documentId}`;
    roomName = `group/${groupId}/${documentId}`;
    commands = await openCommands(server.url, ada);
    await annotate('new leadership', 'Kept through the outage');
    await annotate('Radio jamming must cease', 'Deleted while Bea is away');
    await annotate('Emigration must be freed up', 'A third note');
  });

  afterAll(async () => {
    watcher?.destroy();
    commands?.close();
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('shows the memo, the cards and their highlights, and says offline, after a reload without the network', async () => {
    // Ada stays in the room, so that it stays open as it is (the same epoch) while Bea is away.
    watcher = openRoom(server.url, ada, roomName);
    page = await pages.openAs(bea, pagePath);
    for (const body of ['Kept through the outage', 'Deleted while Bea is away', 'A third note']) await card(body).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(() => layerSavedAt(page, roomName), { timeout: 10_000 }).not.toBeNull();

    await setOffline(true);
    await page.reload();
    await page.locator('.connection[data-state="offline"]').waitFor();
    expect(await page.locator('.connection').textContent()).toMatch(/^Offline/);
    expect(await page.locator('.reader-body').textContent()).toContain('Radio jamming must cease');
    for (const body of ['Kept through the outage', 'Deleted while Bea is away', 'A third note']) await card(body).waitFor();
    const highlighted = (await page.locator('.reader-body .hl').allTextContents()).join('');
    for (const quote of ['new leader', 'Radio jamming must cease', 'Emigration must be freed up']) expect(highlighted).toContain(quote);
    expect(await page.getByText('Loading the seminar’s annotations').count()).toBe(0);
  });

  it('replaces the cached copy with the server’s once back online: added cards appear, deleted ones go', async () => {
    await annotate('the land of the Gulag', 'Added while Bea was offline');
    await remove('Deleted while Bea is away');
    // Still the cached copy: nothing reached the page.
    expect(await card('Deleted while Bea is away').count()).toBe(1);
    const savedBefore = await layerSavedAt(page, roomName);

    await setOffline(false);
    await card('Added while Bea was offline').waitFor();
    await expect.poll(() => card('Deleted while Bea is away').count()).toBe(0);
    await page.locator('.connection[data-state="live"]').waitFor();
    // The copy kept for the next reload is the server's new state.
    await expect.poll(async () => (await layerSavedAt(page, roomName)) !== savedBefore, { timeout: 10_000 }).toBe(true);
  });

  it('drops a cached copy of an earlier build of the room once the server answers', async () => {
    await setOffline(true);
    await page.reload();
    await card('Added while Bea was offline').waitFor();

    // The room is rebuilt from the rows (as after a restart): a new epoch, and the records changed meanwhile.
    watcher.destroy();
    await server.rooms.close();
    await remove('Added while Bea was offline');
    await annotate('November 1986 to host', 'Written after the rebuild');

    await setOffline(false);
    await card('Written after the rebuild').waitFor();
    await expect.poll(() => card('Added while Bea was offline').count()).toBe(0);
    // The two builds' copies are not merged: each record is shown once.
    expect(await card('Kept through the outage').count()).toBe(1);
    expect(await card('A third note').count()).toBe(1);
    expect(await page.locator('.margin-cards .card').count()).toBe(3);
  });

  it('keeps nothing of a member who signed out: an offline reload then shows none of the layer', async () => {
    await page.locator('.connection[data-state="live"]').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    // The header moves to the list once signing out is done, the offline copies deleted.
    await page.waitForURL((url) => url.pathname === '/');
    expect(await cachedLayers(page)).toEqual([]);
    expect(await cachedAnswerCount(page)).toBe(0);

    await setOffline(true);
    await page.goto(`${server.url}${pagePath}`);
    await page.getByText('Sign in to read this seminar’s annotations.').waitFor();
    expect(await page.locator('.margin-cards .card').count()).toBe(0);
    expect(await page.locator('.reader-body').count()).toBe(0);
  });

  it('keeps only the new person’s copies when someone else signs in on the same browser', async () => {
    // Cal's session ends without Cal signing out here (it expired, say), and Ada signs in.
    page = await pages.openAs(cal, pagePath);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await expect.poll(async () => (await cachedLayers(page)).filter((layer) => layer.userId === cal.id).length, { timeout: 10_000 }).toBe(2);
    expect(await cachedAnswerCount(page)).toBeGreaterThan(0);
    await page.context().clearCookies();
    await page.goto(`${server.url}/signin?next=${encodeURIComponent(pagePath)}`);
    await signInWithForm(page, ada.email, ada.password);
    await page.waitForURL((url) => url.pathname === pagePath);
    await page.locator('.connection[data-state="live"]').waitFor();
    await expect.poll(async () => (await cachedLayers(page)).map((layer) => layer.userId), { timeout: 10_000 }).toEqual([ada.id, ada.id]);
    // The session an offline reload will find is Ada's.
    const cachedSessionUser = () =>
      page.evaluate(async () => ((await (await caches.match('/api/session', { cacheName: 'marginalia-api' }))?.json()) as { user: { id: string } | null } | undefined)?.user?.id, undefined);
    await expect.poll(cachedSessionUser).toBe(ada.id);
  });

  it('says that no copy was kept, rather than loading for ever, when an offline reload finds none', async () => {
    await setOffline(true);
    // The delete waits for this page's connection to the database, which the reload closes.
    await page.evaluate(() => void indexedDB.deleteDatabase('marginalia-layers'), undefined);
    await page.reload();
    await page.locator('.connection[data-state="offline"]').waitFor();
    await page.getByText('Offline: no annotations were kept on this device for this page').waitFor();
    expect(await page.locator('.reader-body').textContent()).toContain('Radio jamming must cease');
    expect(await page.locator('.margin-cards .card').count()).toBe(0);
    expect(await page.getByText('Loading the seminar’s annotations').count()).toBe(0);
  });
});
