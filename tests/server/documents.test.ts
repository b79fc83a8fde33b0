import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, DocumentRecord, DocumentSummary } from '../../shared/document.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

const memoId = 'frus1981-88v41-d97';

describe('documents API', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('lists the seeded memo', async () => {
    const { status, body } = await getJson<DocumentSummary[]>(`${server.url}/api/documents`);
    expect(status).toBe(200);
    expect(body).toHaveLength(1);
    expect(body[0]).toMatchObject({ id: memoId, pages: [288, 289, 290], dateline: 'Washington, September 25, 1987' });
    expect(body[0]?.title).toContain('Memorandum From');
    expect(Number.isNaN(Date.parse(body[0]?.importedAt ?? ''))).toBe(false);
  });

  it('serves the memo with its body, canonical text, pages and footnotes', async () => {
    const { status, body } = await getJson<DocumentRecord>(`${server.url}/api/documents/${memoId}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: memoId, version: 1, pages: [288, 289, 290] });
    expect(body.footnotes).toHaveLength(4);
    expect(body.text).toContain('new leadership');
    expect(body.citation).toMatchObject({ document: '97', firstPage: 287 });
    expect(body.body).toMatchObject({ type: 'doc' });
    expect(body).not.toHaveProperty('sourceHash');
  });

  it('answers 404 document_not_found for an unknown id', async () => {
    const { status, body } = await getJson<ApiError>(`${server.url}/api/documents/no-such-document`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'document_not_found', message: 'No document with id "no-such-document"' });
  });
});
