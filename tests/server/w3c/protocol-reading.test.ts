/**
 * Reading through the Web Annotation Protocol: the container and its pages as `Prefer` chooses,
 * paging across pages, the headers every answer carries (type, ETag, Link, Allow, Vary,
 * Content-Location, Preference-Applied), HEAD, OPTIONS, conditional GET, content negotiation,
 * discovery from the document, who may read — and everything served valid by the W3C's own tests.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebAnnotation } from '../../../server/w3c/model.ts';
import { createAnnotationCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';
import { annotationOf, annoProfile, ldp, memoId, memoText, startProtocolWorld, w3cRequest, type ProtocolWorld } from './protocol-helpers.ts';
import { loadSuite } from './wpt-annotation-model.ts';

interface Page {
  id: string;
  type: string;
  partOf?: { id: string; total: number };
  startIndex: number;
  next?: string;
  prev?: string;
  items: (WebAnnotation | string)[];
}
interface Container {
  '@context': string[];
  id: string;
  type: string[];
  label: string;
  total: number;
  first: Page | string;
  last: string;
}

const prefer = (iri: string) => ({ prefer: `return=representation; include="${iri}"` });
const total = 150; // more than one page of 100

describe('reading through the Web Annotation Protocol', () => {
  let world: ProtocolWorld;
  let member$: CommandClient;
  let moderator$: CommandClient;
  let hiddenId: string;
  let privateId: string;

  beforeAll(async () => {
    world = await startProtocolWorld();
    [member$, moderator$] = await Promise.all([openCommands(world.server.url, world.member), openCommands(world.server.url, world.moderator)]);
    const quotes = ['new leadership', 'humanitarian cooperation', 'Helsinki process', 'November 1986', 'Radio jamming must cease.'];
    const commands = Array.from({ length: total - 1 }, (_, i) =>
      createAnnotationCommand({ text: memoText, documentId: memoId, groupId: world.groupId, quote: quotes[i % quotes.length]!, body: `Remark ${i + 1}`, tags: i % 7 === 0 ? ['seventh'] : [] }),
    );
    await Promise.all(commands.map((command) => member$.apply(command)));
    const hidden = createAnnotationCommand({ text: memoText, documentId: memoId, groupId: world.groupId, quote: 'Emigration must be freed up.', body: 'A secret the moderators hid' });
    await member$.apply(hidden);
    await moderator$.apply({ type: 'annotation.hide', commandId: randomUUID(), annotationId: hidden.annotationId });
    hiddenId = hidden.annotationId;
    const note = createAnnotationCommand({ text: memoText, documentId: memoId, groupId: null, quote: 'new leadership', body: 'Ben’s private note' });
    await member$.apply(note);
    privateId = note.annotationId;
  });
  afterAll(async () => {
    member$?.close();
    moderator$?.close();
    await world?.server.close();
  });

  const get = <T>(path: string, headers: Record<string, string> = {}, user = world.observer) => w3cRequest<T>(world, user, 'GET', path, { headers });

  it('answers the container with its descriptions by default: the first page embedded, the last named, and the container’s headers', async () => {
    const answer = await get<Container>(world.containerPath);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(annoProfile);
    expect(answer.headers.get('link')).toBe(`<${ldp}BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="${ldp}constrainedBy"`);
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(answer.headers.get('accept-post')).toBe(annoProfile);
    expect(answer.headers.get('vary')).toBe('Accept, Prefer');
    expect(answer.headers.get('content-location')).toBe(world.containerIri);
    expect(answer.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(answer.headers.get('preference-applied')).toBeNull();
    const { first, ...rest } = answer.body;
    expect(rest).toEqual({
      '@context': ['http://www.w3.org/ns/anno.jsonld', 'http://www.w3.org/ns/ldp.jsonld'],
      id: world.containerIri,
      type: ['BasicContainer', 'AnnotationCollection'],
      label: expect.stringMatching(/^Protocol seminar: annotations on “.+” \(version \d+\)$/),
      total,
      last: `${world.containerIri}?page=1`,
    });
    expect(first).toMatchObject({ id: `${world.containerIri}?page=0`, type: 'AnnotationPage', startIndex: 0, next: `${world.containerIri}?page=1` });
    expect((first as Page).items).toHaveLength(100);
    expect(((first as Page).items[0] as WebAnnotation).body?.[0]).toMatchObject({ value: expect.stringMatching(/^Remark \d+$/) });
  });

  it('answers a minimal container, or pages of IRIs, as Prefer asks, and says so in Preference-Applied', async () => {
    const minimal = await get<Container>(world.containerPath, prefer(`${ldp}PreferMinimalContainer`));
    expect(minimal.headers.get('preference-applied')).toBe('return=representation');
    expect(minimal.body).toMatchObject({ total, first: `${world.containerIri}?page=0`, last: `${world.containerIri}?page=1` });

    const iris = await get<Container>(world.containerPath, prefer(`${ldp}PreferContainedIRIs`));
    expect(iris.headers.get('preference-applied')).toBe('return=representation');
    const first = iris.body.first as Page;
    expect(first.id).toBe(`${world.containerIri}?iris=1&page=0`);
    expect(iris.body.last).toBe(`${world.containerIri}?iris=1&page=1`);
    expect(first.items.every((item) => typeof item === 'string' && item.startsWith(world.containerIri))).toBe(true);

    const descriptions = await get<Container>(world.containerPath, prefer(`${ldp}PreferContainedDescriptions`));
    expect(descriptions.headers.get('preference-applied')).toBe('return=representation');
    expect(typeof (descriptions.body.first as Page).items[0]).toBe('object');

    // Each representation has its own ETag: they are different bytes.
    const etags = new Set([minimal, iris, descriptions].map((answer) => answer.headers.get('etag')));
    expect(etags.size).toBe(3);
  });

  it('pages across the whole layer with next, prev, partOf and startIndex, each page at its Content-Location', async () => {
    const seen: string[] = [];
    let next: string | undefined = `${world.containerIri}?page=0`;
    let previous: string | undefined;
    while (next) {
      const page: Awaited<ReturnType<typeof get<Page>>> = await get<Page>(next);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-location')).toBe(next);
      expect(page.body).toMatchObject({ id: next, type: 'AnnotationPage', partOf: { id: world.containerIri, total }, startIndex: seen.length });
      expect(page.body.prev).toBe(previous);
      seen.push(...page.body.items.map((item) => (item as WebAnnotation).id));
      previous = next;
      next = page.body.next;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const iriPage = await get<Page>(`${world.containerPath}?iris=1&page=1`);
    expect(iriPage.body.items).toEqual(seen.slice(100));
    expect(iriPage.body.prev).toBe(`${world.containerIri}?iris=1&page=0`);
    expect((await get(`${world.containerPath}?page=2`)).status).toBe(404);
    expect((await get(`${world.containerPath}?page=minus`)).status).toBe(400);
  });

  it('serves no hidden body and no private note', async () => {
    const hidden = await get<WebAnnotation>(`${world.containerPath}${hiddenId}`, {}, world.member);
    expect(hidden.status).toBe(200);
    expect(hidden.body.body).toEqual([{ type: 'TextualBody', purpose: 'moderating', value: 'Hidden by a moderator.', format: 'text/plain' }]);
    expect(JSON.stringify((await get(`${world.containerPath}?page=1`)).body)).not.toContain('A secret the moderators hid');
    expect((await get(`${world.containerPath}${privateId}`, {}, world.member)).status).toBe(404);
    expect(JSON.stringify((await get(`${world.containerPath}?iris=1&page=1`)).body)).not.toContain(privateId);
  });

  it('answers one annotation with its headers, HEAD with the same headers and no body, OPTIONS with Allow', async () => {
    const iri = ((await get<Page>(`${world.containerPath}?iris=1&page=0`)).body.items[3] as string);
    const one = await get<WebAnnotation>(iri);
    expect(one.status).toBe(200);
    expect(one.body.id).toBe(iri);
    expect(one.headers.get('content-type')).toBe(annoProfile);
    expect(one.headers.get('link')).toBe(`<${ldp}Resource>; rel="type", <http://www.w3.org/ns/oa#Annotation>; rel="type"`);
    expect(one.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT, DELETE');
    expect(one.headers.get('vary')).toBe('Accept');
    expect(one.headers.get('content-location')).toBe(iri);
    expect(one.headers.get('etag')).toMatch(/^"[\w-]+"$/);

    const head = await w3cRequest(world, world.observer, 'HEAD', iri);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    for (const name of ['content-type', 'etag', 'link', 'allow', 'vary', 'content-location']) expect(head.headers.get(name), name).toBe(one.headers.get(name));
    const containerHead = await w3cRequest(world, world.observer, 'HEAD', world.containerPath);
    expect(containerHead.status).toBe(200);
    expect(containerHead.headers.get('link')).toContain('BasicContainer');

    const options = await w3cRequest(world, world.observer, 'OPTIONS', iri);
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS, PUT, DELETE');
    const containerOptions = await w3cRequest(world, world.observer, 'OPTIONS', world.containerPath);
    expect(containerOptions.status).toBe(204);
    expect(containerOptions.headers.get('allow')).toBe('GET, HEAD, OPTIONS, POST');
    expect(containerOptions.headers.get('accept-post')).toBe(annoProfile);
  });

  it('answers 304 to a GET whose If-None-Match is current, and a new ETag once the annotation changes', async () => {
    // As a browser revalidates (fetch would otherwise add Cache-Control: no-cache, which asks for the whole answer).
    const revalidate = (etag: string) => ({ 'if-none-match': etag, 'cache-control': 'max-age=0' });
    const created = await w3cRequest<WebAnnotation>(world, world.member, 'POST', world.containerPath, { body: annotationOf('new leadership', { words: 'Cache me' }) });
    const etag = created.headers.get('etag')!;
    expect((await get(created.body.id, revalidate(etag))).status).toBe(304);
    await member$.apply({ type: 'annotation.edit', commandId: randomUUID(), annotationId: created.body.id.split('/').pop()!, body: 'Changed by socket' });
    const after = await get(created.body.id, revalidate(etag));
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    // The container's ETag follows its content too.
    const containerEtag = (await get(world.containerPath)).headers.get('etag')!;
    expect((await get(world.containerPath, revalidate(containerEtag))).status).toBe(304);
  });

  it('negotiates: JSON-LD with the profile by default, plain JSON when asked only for that, 406 for anything else', async () => {
    expect((await get(world.containerPath, { accept: 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"' })).headers.get('content-type')).toBe(annoProfile);
    expect((await get(world.containerPath, { accept: 'application/json' })).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await get(world.containerPath, { accept: 'text/html' })).status).toBe(406);
  });

  it('asks who is reading: 401 signed out, 404 outside the seminar, and not the JSON of …/annotations', async () => {
    const iri = ((await get<Page>(`${world.containerPath}?iris=1&page=0`)).body.items[0] as string);
    for (const path of [world.containerPath, iri]) {
      expect((await get(path, {}, null as never)).status).toBe(401);
      expect((await get(path, {}, world.stranger)).status).toBe(404);
    }
    // Without the trailing slash: our own JSON of the layer, not the container.
    const ours = await get<{ annotations: unknown[] }>(world.containerPath.slice(0, -1));
    expect(ours.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ours.body.annotations).toHaveLength((await get<Container>(world.containerPath)).body.total);
  });

  it('tells a reader of the layer where the container is, from the document, and nobody else', async () => {
    const link = `<${world.containerIri}>; rel="http://www.w3.org/ns/oa#annotationService"`;
    const asked = (user: typeof world.member | null, group = world.groupId) => w3cRequest(world, user, 'GET', `/api/documents/${memoId}?group=${group}`);
    expect((await asked(world.observer)).headers.get('link')).toBe(link);
    expect((await asked(world.member)).headers.get('link')).toBe(link);
    for (const answer of [await asked(world.stranger), await asked(null), await asked(world.member, randomUUID()), await asked(world.member, 'not-a-group')]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('link')).toBeNull();
    }
    expect((await w3cRequest(world, world.member, 'GET', `/api/documents/${memoId}`)).headers.get('link')).toBeNull();
  });

  it('serves annotations, pages and containers that pass the W3C annotation-model MUSTs', async () => {
    const suite = loadSuite();
    const annotationMusts = suite.assertionsOf('annotations/annotationMusts.test');
    const pageMusts = suite.assertionsOf('collections/pages/pageMusts.test');
    const pageChecks = suite.assertionsOf('collections/pages/pageOptionals.test').filter((assertion) => assertion.file.endsWith('Validated.json'));
    const collectionMusts = suite.assertionsOf('collections/collectionMusts.test');
    const failures: string[] = [];
    for (const path of [`${world.containerPath}?page=0`, `${world.containerPath}?page=1`]) {
      const page = (await get<Page>(path)).body;
      failures.push(...[...suite.failures(page, pageMusts), ...suite.failures(page, pageChecks)].map((failure) => `${path}: ${failure}`));
      for (const item of page.items) failures.push(...suite.failures(item, annotationMusts).map((failure) => `${(item as WebAnnotation).id}: ${failure}`));
    }
    const iriPage = (await get<Page>(`${world.containerPath}?iris=1&page=1`)).body;
    failures.push(...suite.failures(iriPage, pageMusts).map((failure) => `iris page: ${failure}`));
    for (const view of ['PreferContainedDescriptions', 'PreferContainedIRIs', 'PreferMinimalContainer']) {
      const body = (await get(world.containerPath, prefer(`${ldp}${view}`))).body;
      failures.push(...suite.failures(body, collectionMusts).map((failure) => `${view}: ${failure}`));
    }
    const one = (await get<WebAnnotation>(`${world.containerPath}${hiddenId}`)).body;
    failures.push(...suite.failures(one, annotationMusts).map((failure) => `single GET: ${failure}`));
    expect(failures).toEqual([]);
  });
});
