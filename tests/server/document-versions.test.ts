/**
 * A corrected transcription imported as the next version of a document: every annotation on the old
 * version (each group's layer, each private note) moves onto the new text in the import's
 * transaction, with a history entry; what cannot be placed is reported and kept, never dropped;
 * open rooms close so that their readers load the new text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnotationRecord } from '../../shared/annotations.ts';
import type { DocumentRecord, DocumentVersionSummary, NewVersionResult } from '../../shared/document.ts';
import type { Revision } from '../../shared/history.ts';
import { closeCodes, roomNameOf } from '../../shared/rooms.ts';
import { describeRange, selectorsAgreeWith } from '../../shared/selectors.ts';
import { importedMemo, memoMetadata, memoSource } from '../fixtures/memo.ts';
import { spreadPassages } from '../fixtures/spread-passages.ts';
import { teiFile } from '../fixtures/frus/tei-files.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom } from '../helpers/room-client.ts';
import { startSeminar } from '../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { testDatabaseUrl } from '../helpers/database.ts';

const memoId = 'frus1981-88v41-d97';

/** The memo as a corrected transcription would deliver it: the em-dash the plain text lost, and one word changed. */
const correctedSource = memoSource
  .replace('Gorbachev is already letting', '—Gorbachev is already letting')
  .replace('must be totally free', 'must be entirely free');

/** Fifty annotations over the whole memo, across its page breaks and footnote marks. */
async function annotateSpread(server: TestServer, member: TestUser, groupId: string): Promise<{ id: string; quote: string; why: string }[]> {
  const { text, body } = importedMemo();
  const commands = await openCommands(server.url, member);
  const annotated: { id: string; quote: string; why: string }[] = [];
  for (const passage of spreadPassages(body, 50)) {
    const quote = text.slice(passage.start, passage.end);
    const command = { ...createAnnotationCommand({ text, quote, groupId, documentId: memoId }), selectors: describeRange(text, passage.start, passage.end) };
    await commands.apply(command);
    annotated.push({ id: command.annotationId, quote, why: passage.why });
  }
  commands.close();
  return annotated;
}

describe('a new version of the memo', () => {
  let server: TestServer;
  let admin: TestUser;
  let member: TestUser;
  let groupId: string;
  const annotated: { id: string; quote: string; why: string }[] = [];
  let privateNoteId: string;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpUser(server.url, 'Administrator'); // the first account administers the instance
    member = await signUpUser(server.url, 'Member');
    groupId = await startSeminar({ name: 'Versions seminar', owner: member, documentId: memoId });
    annotated.push(...(await annotateSpread(server, member, groupId)));
    const { text } = importedMemo();
    const commands = await openCommands(server.url, member);
    const note = createAnnotationCommand({ text, quote: 'Radio jamming must cease.', groupId: null, documentId: memoId, body: 'My own note' });
    await commands.apply(note);
    privateNoteId = note.annotationId;
    commands.close();
  });
  afterAll(() => server?.close());

  it('re-anchors all fifty annotations and the private note, none orphaned, and keeps version 1 readable', async () => {
    const room = openRoom(server.url, member, roomNameOf({ type: 'group', groupId, documentId: memoId }));
    await room.until((client) => client.annotations().size === 50, 'the layer');

    const imported = await admin.client.post<NewVersionResult>(`/api/documents/${memoId}/versions`, {
      fileName: 'frus1981-88v41-d97.txt',
      source: correctedSource,
      metadata: memoMetadata,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ documentId: memoId, version: 2, created: true, reanchored: 51, orphans: [] });
    // A reader holding the old text is told to reload it.
    expect(await room.closed).toBe(closeCodes.documentRevised.code);
    room.destroy();

    const current = await member.client.get<DocumentRecord>(`/api/documents/${memoId}`);
    expect(current.body.version).toBe(2);
    expect(current.body.text).toContain('\n—Gorbachev is already letting');

    const reopened = openRoom(server.url, member, roomNameOf({ type: 'group', groupId, documentId: memoId }));
    await reopened.until((client) => client.annotations().size === 50, 'the re-anchored layer');
    const records = reopened.annotations();
    reopened.destroy();
    for (const { id, quote, why } of annotated) {
      const record = records.get(id) as AnnotationRecord;
      expect(selectorsAgreeWith(current.body.text, record.selectors), `${why}: ${quote}`).toBe(true);
      expect(record.selectors.quote.exact, why).toBe(quote.replace('totally free', 'entirely free'));
    }
    const changed = annotated.find((passage) => passage.quote.includes('totally free'));
    expect(changed, 'a passage over the corrected words is among the fifty').toBeDefined();

    const note = await member.client.get<{ annotation: AnnotationRecord }>(`/api/annotations/${privateNoteId}`);
    expect(selectorsAgreeWith(current.body.text, note.body.annotation.selectors)).toBe(true);

    const versions = await member.client.get<DocumentVersionSummary[]>(`/api/documents/${memoId}/versions`);
    expect(versions.body.map((v) => [v.version, v.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    const first = await member.client.get<DocumentRecord>(`/api/documents/${memoId}/versions/1`);
    expect(first.body.text).toBe(importedMemo().text);
  });

  it('records the move in each annotation’s history, by whoever imported the version', async () => {
    const history = await member.client.get<{ revisions: Revision[] }>(`/api/annotations/${annotated[0]!.id}/history`);
    expect(history.body.revisions.map((revision) => revision.action)).toEqual(['created', 'reanchored']);
    expect(history.body.revisions[1]).toMatchObject({ actor: { name: 'Administrator' }, documentVersion: 2 });
  });

  it('treats the same file imported again as already done, and another document’s file as a conflict', async () => {
    const again = await admin.client.post<NewVersionResult>(`/api/documents/${memoId}/versions`, {
      fileName: 'frus1981-88v41-d97.txt',
      source: correctedSource,
      metadata: memoMetadata,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ version: 2, created: false, reanchored: 0 });

    const other = await admin.client.post<{ id: string }>('/api/documents', { fileName: 'other.txt', source: '1. Another Note1\n\nIts text.\n\n  1. Source: here.\n' });
    const misplaced = await admin.client.post(`/api/documents/${other.body.id}/versions`, {
      fileName: 'frus1981-88v41-d97.txt',
      source: correctedSource,
      metadata: memoMetadata,
    });
    expect(misplaced.status).toBe(409);
    expect(misplaced.body).toMatchObject({ error: 'source_imported_elsewhere' });
  });

  it('reports what a version no longer holds as orphans, keeping them on their old version', async () => {
    const dropped = annotated.find((passage) => passage.quote.startsWith('Gulag as an equal partner'))!;
    const paragraph = memoSource.split('\n').find((line) => line.includes('Gulag as an equal partner'))!;
    const shortened = correctedSource.replace(paragraph, paragraph.replace(/[^.]*Gulag as an equal partner[^.]*\./, ' '));
    const imported = await admin.client.post<NewVersionResult>(`/api/documents/${memoId}/versions`, { fileName: 'memo-v3.txt', source: shortened, metadata: memoMetadata });
    expect(imported.status).toBe(201);
    expect(imported.body.version).toBe(3);
    expect(imported.body.orphans).toEqual([{ annotationId: dropped.id, quote: dropped.quote, reason: expect.any(String) }]);
    expect(imported.body.reanchored).toBe(50);
    const orphan = await member.client.get<{ annotation: AnnotationRecord }>(`/api/annotations/${dropped.id}`);
    expect(orphan.body.annotation.selectors.quote.exact).toBe(dropped.quote);
  });

  it('refuses anyone but an administrator, and says what is wrong with a bad request', async () => {
    const refused = await member.client.post(`/api/documents/${memoId}/versions`, { fileName: 'x.txt', source: correctedSource });
    expect(refused.status).toBe(403);
    const missing = await admin.client.post('/api/documents/no-such-document/versions', { fileName: 'x.txt', source: '1. A Note1\n\nText.\n\n  1. Source: here.\n' });
    expect(missing.status).toBe(404);
    const empty = await admin.client.post(`/api/documents/${memoId}/versions`, { fileName: 'x.txt', source: '' });
    expect(empty.status).toBe(400);
    const noVersion = await member.client.get(`/api/documents/${memoId}/versions/99`);
    expect(noVersion.status).toBe(404);
  });
});

describe('the memo’s TEI as a new version of the plain text', () => {
  let server: TestServer;
  let admin: TestUser;
  let member: TestUser;
  let groupId: string;
  let annotated: { id: string; quote: string; why: string }[];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpUser(server.url, 'Administrator');
    member = await signUpUser(server.url, 'Member');
    groupId = await startSeminar({ name: 'TEI seminar', owner: member, documentId: memoId });
    annotated = await annotateSpread(server, member, groupId);
  });
  afterAll(() => server?.close());

  it('re-anchors every one of fifty annotations, none orphaned, onto the text with its dash, dateline and person marks', async () => {
    const imported = await admin.client.post<NewVersionResult>(`/api/documents/${memoId}/versions`, { fileName: 'frus1981-88v41-d97.xml', source: teiFile('frus1981-88v41-d97') });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ version: 2, created: true, reanchored: 50, orphans: [] });

    const current = (await member.client.get<DocumentRecord>(`/api/documents/${memoId}`)).body;
    expect(current.text).toContain('\n—Gorbachev is already letting');
    expect(current.dateline).toBe('Washington, September 25, 1987');
    expect(JSON.stringify(current.body)).toContain('"corresp":"p_GMS_1"');

    const layer = await member.client.get<{ annotations: AnnotationRecord[] }>(`/api/groups/${groupId}/documents/${memoId}/annotations`);
    const byId = new Map(layer.body.annotations.map((record) => [record.id, record]));
    const kinds = new Set(annotated.map((passage) => passage.why.replace(/ .*/, '')));
    expect([...kinds].sort()).toEqual(['footnote', 'page', 'spread']);
    for (const { id, quote, why } of annotated) {
      const record = byId.get(id)!;
      expect(selectorsAgreeWith(current.text, record.selectors), `${why}: ${quote}`).toBe(true);
      expect(record.selectors.quote.exact, why).toBe(quote);
    }
  });
});

describe('an annotation written while a new version is imported', () => {
  let server: TestServer;
  let member: TestUser;
  let groupId: string;

  beforeAll(async () => {
    server = await startTestServer();
    member = await signUpUser(server.url, 'Member');
    groupId = await startSeminar({ name: 'Race seminar', owner: member, documentId: memoId });
  });
  afterAll(() => server?.close());

  it('is never written on a version that is no longer current', async () => {
    const { text } = importedMemo();
    const stale = createAnnotationCommand({ text, quote: 'Radio jamming must cease.', groupId, documentId: memoId });
    await server.db.query("UPDATE documents SET version = version + 1, source_hash = source_hash || '+' WHERE id = $1", [memoId]);
    // Written as a create that read version 1 before the new one landed would write it.
    const row = { id: stale.annotationId, document_id: memoId, document_version: 1, group_id: groupId, author_id: member.id, selectors: stale.selectors };
    await expect(
      server.db.query(
        `INSERT INTO annotations (id, document_id, document_version, group_id, visibility, author_id, kind, selectors)
         VALUES ($1, $2, $3, $4, 'group', $5, 'highlight', $6)`,
        [row.id, row.document_id, row.document_version, row.group_id, row.author_id, JSON.stringify(row.selectors)],
      ),
    ).rejects.toMatchObject({ code: 'MV001' });
  });

  it.skipIf(!testDatabaseUrl)('waits for an import in progress, then lands on the new version (PostgreSQL: two connections)', async () => {
    const { text } = importedMemo();
    const commands = await openCommands(server.url, member);
    const command = createAnnotationCommand({ text, quote: 'Emigration must be freed up.', groupId, documentId: memoId });
    let answer: Promise<unknown> = Promise.resolve();
    const version = await server.db.transaction(async (tx) => {
      // What an import holds while it re-anchors: the document's row.
      const { rows } = await tx.query<{ version: number }>('SELECT version FROM documents WHERE id = $1 FOR UPDATE', [memoId]);
      answer = commands.send(command);
      // The create has read the old version and waits on the row before the import goes on.
      for (let tries = 0; tries < 200; tries += 1) {
        const waiting = await server.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()");
        if (waiting.rows[0]!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await tx.query("UPDATE documents SET version = version + 1, source_hash = source_hash || '#' WHERE id = $1", [memoId]);
      return rows[0]!.version + 1;
    });
    expect(await answer).toMatchObject({ ok: true });
    commands.close();
    const stored = await server.db.query<{ document_version: number }>('SELECT document_version FROM annotations WHERE id = $1', [command.annotationId]);
    expect(stored.rows[0]!.document_version).toBe(version);
  });
});
