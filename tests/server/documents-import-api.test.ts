import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentRecord } from '../../shared/document.ts';
import { memoMetadata, memoSource } from '../fixtures/memo.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { signUpUser, type TestUser } from '../helpers/http-client.ts';

describe('POST /api/documents: importing into the library', () => {
  let server: TestServer;
  let admin: TestUser;
  let reader: TestUser;
  const telegram = '4. Telegram From the Embassy in Moscow to the Department of State1\n\nThe talks [Page 12] resumed in Geneva.2\n\n  1. Source: Department of State.\n  2. Not printed.\n';

  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpUser(server.url, 'Admin');
    reader = await signUpUser(server.url, 'Reader');
  });
  afterAll(() => server?.close());

  it('lets the administrator import a source, once', async () => {
    const first = await admin.client.post<{ id: string; created: boolean }>('/api/documents', { fileName: 'telegram-4.txt', source: telegram });
    expect(first).toMatchObject({ status: 201, body: { id: 'telegram-4', created: true } });
    const again = await admin.client.post('/api/documents', { fileName: 'telegram-4.txt', source: telegram });
    expect(again).toMatchObject({ status: 200, body: { id: 'telegram-4', created: false } });
    const document = await reader.client.get<DocumentRecord>('/api/documents/telegram-4');
    expect(document.body).toMatchObject({ pages: [12], text: expect.stringContaining('The talks resumed in Geneva.') });
  });

  it('recognises the seeded memo sent again with its metadata', async () => {
    const memo = await admin.client.post('/api/documents', { fileName: 'memo.txt', source: memoSource, metadata: memoMetadata });
    expect(memo).toMatchObject({ status: 200, body: { id: 'frus1981-88v41-d97', created: false } });
  });

  it('refuses everyone else, and bad sources with a reason', async () => {
    expect((await reader.client.post('/api/documents', { fileName: 'x.txt', source: telegram })).status).toBe(403);
    expect((await admin.client.post('/api/documents', { fileName: 'x.txt', source: '' })).body).toMatchObject({ message: 'source: The source is empty' });
    expect((await admin.client.post('/api/documents', { fileName: 'x.txt', source: '\n\n\n' })).body).toMatchObject({
      error: 'bad_request',
      message: expect.stringMatching(/could not be imported: the file is empty/),
    });
    expect((await admin.client.post('/api/documents', { fileName: 'x.txt', source: 'x'.repeat(600_000) })).status).toBe(400);
    expect((await admin.client.post('/api/documents', { fileName: 'x.txt', source: telegram, metadata: { slug: 'Bad Slug!' } })).status).toBe(400);
  });
});
