/**
 * The margin in real browsers: two members and an observer of the demo seminar open the memo
 * together. A annotates a passage with a tag and B sees it at once; B replies and A sees the reply;
 * A goes offline, annotates, comes back and B sees that too; the observer sees everything and can
 * write nothing, not even with a command crafted on its own socket.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand, openCommands } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { hasChromium, launchChromium } from './chromium.ts';
import { signedInPages, type SignedInPages } from './signed-in-pages.ts';
import { horizontalOverflow, selectBetween } from './reader-page.ts';

const documentId = 'frus1981-88v41-d97';

describe.skipIf(!hasChromium)('the margin: annotating together', () => {
  let server: TestServer;
  let browser: Browser;
  let ada: TestUser;
  let bea: TestUser;
  let oto: TestUser;
  let groupId: string;
  let text: string;
  let pagePath: string;
  let pages: SignedInPages;
  let pageA: Page;
  let pageB: Page;
  let pageO: Page;

  const openAs = (user: TestUser, path = pagePath) => pages.openAs(user, path);

  const card = (page: Page, hasText: string) => page.locator('.margin-cards .card', { hasText });

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    pages = signedInPages(browser, () => server.url);
    ada = await signUpUser(server.url, 'Ada Owner');
    bea = await signUpUser(server.url, 'Bea Member');
    oto = await signUpUser(server.url, 'Oto Observer');
    // A seminar of its own, so that demo content in the demo seminar never changes what is counted here.
    groupId = await startSeminar({ name: 'Margin seminar', owner: ada, documentId, members: [[bea, 'member'], [oto, 'observer']] });
    text = (await ada.client.get<{ text: string }>(`/api/documents/${documentId}`)).body.text;
    pagePath = `/groups/${groupId}/documents/${documentId}`;
  });

  afterAll(async () => {
    await pages?.closeAll();
    await browser?.close();
    await server?.close();
  });

  it('links the seminar’s document to its annotated reader', async () => {
    pageA = await openAs(ada, `/groups/${groupId}`);
    await pageA.locator('.group-document-list a').first().click();
    await pageA.waitForURL((url) => url.pathname === pagePath);
    await pageA.locator('.connection[data-state="live"]').waitFor();
    await pageA.getByText('No annotations yet.').waitFor();
  });

  it('lets A annotate a passage across a page break with a tag; B sees highlight and card at once', async () => {
    pageB = await openAs(bea);
    await selectBetween(pageA, 'new leader', 'ship');
    await pageA.getByRole('button', { name: 'Annotate' }).click();
    await pageA.getByLabel('Kind').selectOption('comment');
    await pageA.getByLabel('Note', { exact: true }).fill('Gorbachev’s **new thinking**, see [the volume](https://history.state.gov/) <script>x</script>');
    await pageA.getByLabel('Tags', { exact: true }).fill('glasnost');
    await pageA.getByLabel('Tags', { exact: true }).press('Enter');
    await pageA.getByRole('button', { name: 'Save annotation' }).click();
    await card(pageA, 'new thinking').waitFor();

    const seen = card(pageB, 'new thinking');
    await seen.waitFor();
    expect(await seen.locator('.card-author').textContent()).toBe('Ada Owner');
    expect(await seen.locator('.tag').allTextContents()).toEqual(['glasnost']);
    // Markdown rendered safely: no raw HTML, links open apart from the page.
    expect(await seen.locator('strong').textContent()).toBe('new thinking');
    expect(await seen.locator('script').count()).toBe(0);
    expect(await seen.locator('a').getAttribute('rel')).toBe('noopener noreferrer');
    const highlighted = await pageB.locator('.reader-body .hl').allTextContents();
    expect(highlighted.join('')).toContain('new leader');
    expect(highlighted.join('')).toContain('ship');
    // The card stands beside its passage.
    const cardBox = await seen.boundingBox();
    const markBox = await pageB.locator('.reader-body .hl').first().boundingBox();
    expect(Math.abs((cardBox?.y ?? 0) - (markBox?.y ?? 0))).toBeLessThan(40);
  });

  it('shows B’s reply to A, with the count on the card', async () => {
    await card(pageB, 'new thinking').getByRole('button', { name: 'Open thread' }).click();
    expect(await pageA.locator('.avatar').count()).toBe(2);
    await pageB.getByPlaceholder('Write a reply').pressSequentially('And the *Helsinki* commitments?');
    // A, whose card is open, sees that B is writing.
    await card(pageA, 'new thinking').locator('.typing', { hasText: 'Bea Member is replying' }).waitFor();
    await pageB.getByRole('button', { name: 'Reply', exact: true }).last().click();
    await card(pageB, 'new thinking').locator('.reply', { hasText: 'Helsinki' }).waitFor();
    // A's own new annotation is open in A's margin: the reply appears in the thread.
    await card(pageA, 'new thinking').locator('.reply em', { hasText: 'Helsinki' }).waitFor();
    await card(pageA, 'new thinking').getByRole('button', { name: 'Close thread' }).click();
    await card(pageA, 'new thinking').getByRole('button', { name: '1 reply' }).click();
    await card(pageA, 'new thinking').locator('.reply em', { hasText: 'Helsinki' }).waitFor();
    // A answers B's reply: an indented reply to a reply.
    await card(pageA, 'new thinking').locator('.reply', { hasText: 'Helsinki' }).getByRole('button', { name: 'Reply', exact: true }).click();
    await pageA.getByPlaceholder('Reply to Bea Member').fill('Basket III, yes.');
    await pageA.getByPlaceholder('Reply to Bea Member').press('Control+Enter');
    await card(pageB, 'new thinking').locator('.replies-nested .reply', { hasText: 'Basket III' }).waitFor();
  });

  it('creates an annotation with the keyboard alone', async () => {
    await pageA.focus('.reader-body');
    await pageA.keyboard.press('ArrowDown');
    for (let i = 0; i < 3; i++) await pageA.keyboard.press('Shift+Control+ArrowRight');
    await pageA.locator('#selection-info[data-start]').waitFor();
    await pageA.keyboard.press('a');
    await pageA.keyboard.type('Chosen with the arrow keys');
    await pageA.keyboard.press('Control+Enter');
    await card(pageB, 'Chosen with the arrow keys').waitFor();
  });

  it('lets A edit the text, kind and tags of A’s own annotation', async () => {
    const id = await card(pageA, 'Chosen with the arrow keys').getAttribute('data-annotation-id');
    const onA = pageA.locator(`#annotation-${id}`);
    await onA.getByRole('button', { name: 'Edit', exact: true }).click();
    await onA.getByLabel('Edit your annotation').fill('Chosen, then edited');
    await onA.getByLabel('Kind').selectOption('question');
    await onA.getByLabel('Tags', { exact: true }).fill('method');
    await onA.getByRole('button', { name: 'Save' }).click();
    const onB = card(pageB, 'Chosen, then edited');
    await onB.locator('.tag', { hasText: 'method' }).waitFor();
    expect(await onB.locator('.card-kind').textContent()).toBe('Question');
  });

  it('keeps an “only me” note in A’s private notes, out of B’s sight', async () => {
    await selectBetween(pageA, 'Helsinki', 'process');
    await pageA.getByRole('button', { name: 'Annotate' }).click();
    await pageA.getByLabel('Note', { exact: true }).fill('Private thought');
    await pageA.getByLabel('Visible to').selectOption('private');
    await pageA.getByRole('button', { name: 'Save annotation' }).click();
    await card(pageA, 'Private thought').locator('.badge', { hasText: 'only me' }).waitFor();
    await expect.poll(() => card(pageA, 'Private thought').locator('.badge-pending').count()).toBe(0);
    await pageB.waitForTimeout(500);
    expect(await card(pageB, 'Private thought').count()).toBe(0);
  });

  it('draws overlapping annotations darker where they overlap, and cards never overlap', async () => {
    const commands = await openCommands(server.url, bea);
    const quotes = ['ship, the Soviets have cleverly gone on the offensive', 'cleverly gone'];
    for (const [index, quote] of quotes.entries()) {
      const command = createAnnotationCommand({ text, quote, groupId, documentId, kind: index === 0 ? 'question' : 'correction', body: `Note ${index + 1} on ${quote}`, tags: ['soviet'] });
      expect((await commands.send(command)).ok).toBe(true);
    }
    commands.close();
    await card(pageA, 'Note 2').waitFor();
    expect(await pageA.locator('.reader-body .hl-depth-2').count()).toBeGreaterThan(0);
    // Cards glide to their places (a short transition): wait until they have settled, none overlapping.
    const overlaps = () =>
      pageA.locator('.margin-cards .card').evaluateAll((cards) => {
        const boxes = cards.map((c) => c.getBoundingClientRect()).sort((a, b) => a.top - b.top);
        return boxes.filter((box, i) => i > 0 && box.top < (boxes[i - 1]?.bottom ?? 0)).length;
      });
    await expect.poll(overlaps).toBe(0);
  });

  it('keeps A’s annotation written offline as pending and sends it on reconnect; B then sees it', async () => {
    await pages.contexts[0]?.setOffline(true);
    await pageA.locator('.connection[data-state="offline"]').waitFor();
    await selectBetween(pageA, 'November 1986', ' to host');
    await pageA.keyboard.press('a');
    await pageA.getByLabel('Note', { exact: true }).fill('Written on the train');
    await pageA.getByRole('button', { name: 'Save annotation' }).click();
    await card(pageA, 'Written on the train').locator('.badge-pending').waitFor();
    expect(await pageA.locator('.connection').textContent()).toContain('1 change waiting');
    await pageB.waitForTimeout(500);
    expect(await card(pageB, 'Written on the train').count()).toBe(0);

    await pages.contexts[0]?.setOffline(false);
    await card(pageB, 'Written on the train').waitFor();
    await expect.poll(() => card(pageA, 'Written on the train').locator('.badge-pending').count()).toBe(0);
  });

  it('lets the owner mark B’s question answered, which B sees', async () => {
    await card(pageA, 'Note 1').getByRole('button', { name: 'Open thread' }).click();
    await card(pageA, 'Note 1').getByRole('button', { name: 'Mark answered' }).click();
    await card(pageB, 'Note 1').locator('.card-kind', { hasText: 'Question · answered' }).waitFor();
  });

  it('lets a moderator hide and unhide; the author can still read the hidden text', async () => {
    const id = await card(pageA, 'Note 2').getAttribute('data-annotation-id');
    const onA = pageA.locator(`#annotation-${id}`);
    const onB = pageB.locator(`#annotation-${id}`);
    await onA.getByRole('button', { name: 'Open thread' }).click();
    await onA.getByRole('button', { name: 'Hide', exact: true }).click();
    await onB.locator('.placeholder', { hasText: 'Hidden by a moderator' }).waitFor();
    await onB.getByRole('button', { name: 'Open thread' }).click();
    await onB.getByRole('button', { name: 'Show hidden text' }).click();
    await onB.locator('.card-body', { hasText: 'Note 2 on cleverly gone' }).waitFor();
    await onA.getByRole('button', { name: 'Unhide' }).click();
    await onB.locator('.badge', { hasText: 'hidden' }).waitFor({ state: 'detached' });
    await onB.getByRole('button', { name: 'Close thread' }).click();
  });

  it('shows a refused reply’s message and keeps its text', async () => {
    // B answers A's annotation offline; meanwhile A deletes it; back online, the reply is refused.
    await selectBetween(pageA, 'the fundamental difference', 'between');
    await pageA.getByRole('button', { name: 'Annotate' }).click();
    await pageA.getByLabel('Note', { exact: true }).fill('Soon to be deleted');
    await pageA.getByRole('button', { name: 'Save annotation' }).click();
    await card(pageB, 'Soon to be deleted').getByRole('button', { name: 'Open thread' }).click();
    await pages.contexts[1]?.setOffline(true);
    await pageB.locator('.connection[data-state="offline"]').waitFor();
    await card(pageB, 'Soon to be deleted').getByPlaceholder('Write a reply').fill('A reply that comes too late');
    await card(pageB, 'Soon to be deleted').getByRole('button', { name: 'Reply', exact: true }).click();
    await card(pageB, 'Soon to be deleted').locator('.reply .badge-pending').waitFor();
    pageA.once('dialog', (dialog) => void dialog.accept());
    await card(pageA, 'Soon to be deleted').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => card(pageA, 'Soon to be deleted').count()).toBe(0);
    // Deleted without replies, it leaves no placeholder behind.
    await expect.poll(() => pageA.locator('.card .placeholder', { hasText: 'deleted' }).count()).toBe(0);
    await pages.contexts[1]?.setOffline(false);
    const notice = pageB.locator('.notice', { hasText: 'Not saved (reply)' });
    await notice.waitFor();
    expect(await notice.locator('.notice-kept').textContent()).toBe('A reply that comes too late');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('applies a role change at once: a member made observer loses the Annotate button', async () => {
    expect(await pageB.getByRole('button', { name: 'Annotate' }).count()).toBe(1);
    expect((await ada.client.patch(`/api/groups/${groupId}/members/${bea.id}`, { role: 'observer' })).status).toBe(200);
    await expect.poll(() => pageB.getByRole('button', { name: 'Annotate' }).count()).toBe(0);
    expect((await ada.client.patch(`/api/groups/${groupId}/members/${bea.id}`, { role: 'member' })).status).toBe(200);
    await expect.poll(() => pageB.getByRole('button', { name: 'Annotate' }).count()).toBe(1);
  });

  it('shows the observer everything, offers no Annotate, and the server refuses a crafted command', async () => {
    pageO = await openAs(oto);
    await card(pageO, 'Written on the train').waitFor();
    expect(await pageO.locator('.margin-cards .card').count()).toBe(5);
    await selectBetween(pageO, 'new leader', 'ship');
    // Everyone sees the observer's live selection in the observer's colour.
    await pageA.locator('.remote-selection').first().waitFor();
    expect(await pageO.getByRole('button', { name: 'Annotate' }).count()).toBe(0);
    const command = createAnnotationCommand({ text, quote: 'cleverly gone', groupId, documentId, body: 'not allowed' });
    // The observer's own browser speaks socket.io by hand (engine.io v4 framing) with its session cookie.
    const answer = await pageO.evaluate(async (crafted) => {
      const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
      return await new Promise<unknown>((resolve, reject) => {
        setTimeout(() => reject(new Error('no answer')), 10_000);
        ws.onmessage = (event) => {
          const data = String(event.data);
          if (data === '2') ws.send('3');
          else if (data.startsWith('0')) ws.send('40');
          else if (data.startsWith('40')) ws.send(`421${JSON.stringify(['command', crafted])}`);
          else if (data.startsWith('431')) {
            resolve(JSON.parse(data.slice(3))[0]);
            ws.close();
          }
        };
      });
    }, command);
    expect(answer).toMatchObject({ ok: false, error: 'forbidden' });
  });

  it('opens a permalink scrolled to its annotation with the card focused', async () => {
    const id = await card(pageA, 'Note 2').getAttribute('data-annotation-id');
    const page = await openAs(bea, `${pagePath}#annotation-${id}`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-annotation-id'))).toBe(id);
    expect(await page.locator(`#annotation-${id}.is-focused .thread`).count()).toBe(1);
    await page.locator(`#annotation-${id}`).getByRole('button', { name: 'Cite' }).click();
    const citation = await page.locator(`#annotation-${id} .card-notice`).textContent();
    expect(citation).toContain('Document 97');
    expect(citation).toMatch(/p\. \d+/);
    expect(citation).toContain(`#annotation-${id}`);
    await page.close();
  });

  it('keeps private notes on the plain reader when signed in', async () => {
    const page = await openAs(ada, `/documents/${documentId}`);
    await card(page, 'Private thought').waitFor();
    expect(await page.locator('.margin-cards .card').count()).toBe(1);
    await selectBetween(page, 'political prisoners', ' and social');
    await page.getByRole('button', { name: 'Annotate' }).click();
    expect(await page.getByLabel('Visible to').locator('option').allTextContents()).toEqual(['Only me']);
    await page.getByLabel('Note', { exact: true }).fill('Read again at home');
    await page.getByRole('button', { name: 'Save annotation' }).click();
    await expect.poll(() => card(page, 'Read again at home').locator('.badge-pending').count()).toBe(0);
    await card(pageA, 'Read again at home').waitFor();
    await page.close();
  });

  it('focuses the innermost annotation’s card when its highlight is clicked', async () => {
    const id = await card(pageA, 'Note 2').getAttribute('data-annotation-id');
    await pageA.locator('.reader-body .hl', { hasText: 'cleverly gone' }).first().click();
    await expect.poll(() => pageA.evaluate(() => document.activeElement?.getAttribute('data-annotation-id'))).toBe(id);
    expect(await pageA.locator(`#annotation-${id}`).getAttribute('class')).toContain('is-focused');
    await pageA.keyboard.press('Escape');
    await expect.poll(() => pageA.locator('.card.is-focused').count()).toBe(0);
  });

  it('fits a phone screen: the margin goes under the text', async () => {
    await pageB.setViewportSize({ width: 390, height: 900 });
    expect(await horizontalOverflow(pageB)).toBe(0);
    await pageB.setViewportSize({ width: 1280, height: 1000 });
  });

  it('has no serious or critical accessibility violations (axe-core)', async () => {
    // Evaluated rather than added as a <script>: the page's CSP rightly refuses inline scripts.
    await pageA.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'));
    const violations = await pageA.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document.body);
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });

  it('offers the seminar’s annotations to download as a spreadsheet and as a W3C file', async () => {
    const page = await openAs(oto); // an observer may take them too
    const download = async (name: RegExp) => {
      const link = page.getByRole('link', { name });
      expect(await link.getAttribute('download')).toBe('');
      return page.request.get(new URL((await link.getAttribute('href')) ?? '', server.url).href);
    };
    const csv = await download(/spreadsheet/);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('new thinking');
    const jsonld = await download(/W3C Web Annotation/);
    expect(jsonld.status()).toBe(200);
    expect(((await jsonld.json()) as { type: string }).type).toBe('AnnotationCollection');
  });

  it('imports a W3C file into the layer: the placed annotation reaches everyone, the rest is listed with its reason', async () => {
    const file = {
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          { id: 'urn:tool:1', type: 'Annotation', bodyValue: 'Jamming ended in 1988.', target: { source: 'urn:memo', selector: { type: 'TextQuoteSelector', exact: 'Radio jamming must cease.' } } },
          { id: 'urn:tool:2', type: 'Annotation', bodyValue: 'Elsewhere.', target: { source: 'urn:memo', selector: { type: 'TextQuoteSelector', exact: 'a passage this memo does not have' } } },
        ],
      },
    };
    expect(await pageO.getByRole('button', { name: 'Import annotations…' }).count()).toBe(0);
    await pageB.locator('.layer-import input[type="file"]').setInputFiles({ name: 'other-tool.jsonld', mimeType: 'application/ld+json', buffer: Buffer.from(JSON.stringify(file)) });
    const report = pageB.locator('.layer-import-report');
    await report.getByText('From “other-tool.jsonld”: 1 item placed in the margin, 1 item could not be placed:').waitFor();
    expect(await report.locator('li').textContent()).toMatch(/^a passage this memo does not have — /);
    await card(pageA, 'Jamming ended in 1988.').waitFor();
    await card(pageB, 'Jamming ended in 1988.').waitFor();
  });

  it('saves a screenshot of overlapping annotations with an open thread', async () => {
    await card(pageA, 'new thinking').getByRole('button', { name: '2 replies' }).click();
    await card(pageA, 'new thinking').locator('.thread').waitFor();
    await pageA.evaluate(() => {
      document.getSelection()?.removeAllRanges();
      document.querySelector('.hl')?.scrollIntoView({ block: 'center' });
    });
    await pageA.waitForTimeout(300);
    await pageA.screenshot({ path: 'docs/images/margin.png' });
  });

  it('logged no console errors and no Content-Security-Policy violations', () => {
    // Going offline makes Chromium log the failed reconnection attempts; those are the test's doing.
    const problems = pages.watches.flatMap((watch) => watch.problems).filter((problem) => !problem.includes('ERR_INTERNET_DISCONNECTED'));
    expect(problems).toEqual([]);
  });
});
