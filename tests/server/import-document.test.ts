import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDocument } from '../../server/commands/import-document.ts';
import { readSourceFile } from '../../server/source-file.ts';
import { findDocuments } from '../../server/repos/documents.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const memoPath = 'server/seed/frus1981-88v41-d97.txt';
const memoId = 'frus1981-88v41-d97';

describe('importDocument', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('finds the seeded memo instead of importing it twice', async () => {
    const input = await readSourceFile(memoPath);
    expect(await importDocument(server.db, input)).toMatchObject({ id: memoId, created: false });
    expect(await importDocument(server.db, input)).toMatchObject({ id: memoId, created: false });
    expect((await findDocuments(server.db)).map((d) => d.id)).toEqual([memoId]);
  });

  it('suffixes the id when a different source claims the same slug', async () => {
    const input = await readSourceFile(memoPath);
    const corrected = { ...input, source: input.source.replace('cleverly', 'very cleverly') };
    expect(await importDocument(server.db, corrected)).toMatchObject({ id: `${memoId}-2`, created: true });
    expect(await importDocument(server.db, corrected)).toMatchObject({ id: `${memoId}-2`, created: false });
    const third = { ...input, source: input.source.replace('cleverly', 'rather cleverly') };
    expect(await importDocument(server.db, third)).toMatchObject({ id: `${memoId}-3`, created: true });
  });

  it('takes the id from the file name when the metadata has no slug', async () => {
    const source = await readFile(memoPath, 'utf8');
    const result = await importDocument(server.db, { source, fileName: 'Rodman Memo, 1987.txt' });
    expect(result).toMatchObject({ id: 'rodman-memo-1987', created: true });
  });

  it('treats the same text with different metadata as a different source', async () => {
    const input = await readSourceFile(memoPath);
    const metadata = { ...input.metadata, dateline: 'Washington, September 26, 1987' };
    expect(await importDocument(server.db, { ...input, metadata })).toMatchObject({ created: true });
  });

  it('imports concurrent copies of one new source once', async () => {
    const source = (await readFile(memoPath, 'utf8')).replace('cleverly', 'most cleverly');
    const input = { source, fileName: 'concurrent.txt' };
    const results = await Promise.all([importDocument(server.db, input), importDocument(server.db, input)]);
    expect(results.map((r) => r.id)).toEqual(['concurrent', 'concurrent']);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});
