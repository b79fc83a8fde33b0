import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importProgressSchema } from '../../../shared/library-import-schemas.ts';
import { maxImportFileBytes, type ImportProgress, type ImportReport } from '../../../shared/library-import.ts';
import { assembleVolume } from '../../fixtures/frus/tei-files.ts';
import { openCommands, type CommandClient } from '../../helpers/room-client.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

describe('POST /api/documents/imports', () => {
  let server: TestServer;
  let admin: TestUser;
  let reader: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await signUpUser(server.url, 'Admin'); // the first account administers the instance
    reader = await signUpUser(server.url, 'Reader');
  });
  afterAll(() => server?.close());

  function upload(user: TestUser | null, body: string, query: { fileName: string; importId: string }, type = 'application/xml') {
    return fetch(`${server.url}/api/documents/imports?${new URLSearchParams(query).toString()}`, {
      method: 'POST',
      headers: { 'content-type': type, origin: server.url, ...(user?.client.cookie ? { cookie: user.client.cookie } : {}) },
      body,
    });
  }

  /** The `import.progress` events a socket hears, and a promise of the first `count` of them. */
  function listen(client: CommandClient) {
    const heard: ImportProgress[] = [];
    let wake = () => undefined as void;
    client.socket.on('import.progress', (progress) => {
      heard.push(importProgressSchema.parse(progress));
      wake();
    });
    const first = (count: number) =>
      new Promise<ImportProgress[]>((resolve) => {
        wake = () => {
          if (heard.length >= count) resolve(heard.slice(0, count));
        };
        wake();
      });
    return { heard, first };
  }

  it('imports a volume, telling the uploader after each document, and no one else', async () => {
    const adminSocket = await openCommands(server.url, admin);
    const readerSocket = await openCommands(server.url, reader);
    const adminHears = listen(adminSocket);
    const readerHears = listen(readerSocket);
    try {
      const importId = randomUUID();
      const response = await upload(admin, assembleVolume({ broken: true }), { fileName: 'frus1981-88v05.xml', importId });
      expect(response.status).toBe(200);
      const report = (await response.json()) as ImportReport;
      expect(report.outcomes.map((outcome) => `${outcome.sourceId} ${outcome.status}`)).toEqual(['d4 imported', 'd5 failed', 'd7 imported', 'd97 imported']);

      const events = await adminHears.first(4);
      expect(events.map((event) => `${event.importId === importId} ${event.done}/${event.total} ${event.outcome.sourceId} ${event.outcome.status}`)).toEqual([
        'true 1/4 d4 imported',
        'true 2/4 d5 failed',
        'true 3/4 d7 imported',
        'true 4/4 d97 imported',
      ]);
      expect(events[1]!.outcome).toMatchObject({ status: 'failed', message: expect.stringMatching(/^d5: the document does not begin with its title/) });
      // The reader's socket answers a command after any event sent to it before: none was about the import.
      await readerSocket.send({ type: 'not.a.command' });
      expect(readerHears.heard).toEqual([]);

      const library = (await (await fetch(`${server.url}/api/documents/frus1981-88v05-d7`)).json()) as { title: string; pages: number[] };
      expect(library).toMatchObject({ title: expect.stringMatching(/^7\. Information Memorandum/), pages: [20, 21] });
    } finally {
      adminSocket.close();
      readerSocket.close();
    }
  });

  it('imports a plain text too, and finds a file imported before', async () => {
    const source = await readFile('server/seed/frus1981-88v41-d97.txt', 'utf8');
    const response = await upload(admin, source, { fileName: 'memo.txt', importId: randomUUID() }, 'text/plain; charset=utf-8');
    expect(response.status).toBe(200);
    expect(((await response.json()) as ImportReport).outcomes).toEqual([
      { status: 'imported', sourceId: 'memo.txt', title: 'memo.txt', documentId: 'memo', warnings: [] },
    ]);
  });

  it('lets only administrators upload, before reading the file', async () => {
    const query = { fileName: 'volume.xml', importId: randomUUID() };
    expect((await upload(reader, assembleVolume(), query)).status).toBe(403);
    expect((await upload(null, assembleVolume(), query)).status).toBe(401);
  });

  it('says what is wrong with a file it cannot take', async () => {
    const query = { fileName: 'volume.xml', importId: randomUUID() };
    const torn = await upload(admin, '<TEI><text><body><div type="document" xml:id="d1">', query);
    expect(torn.status).toBe(400);
    expect(await torn.json()).toEqual({ error: 'bad_request', message: expect.stringMatching(/^The file could not be imported: the file is not well-formed XML: /) });

    const json = await upload(admin, '{"source": "<TEI/>"}', query, 'application/json');
    expect(json.status).toBe(415);

    const noId = await upload(admin, assembleVolume(), { fileName: 'volume.xml', importId: 'mine' });
    expect(await noId.json()).toEqual({ error: 'bad_request', message: 'importId: a UUID chosen by the page' });

    const huge = await upload(admin, `<TEI>${' '.repeat(maxImportFileBytes)}</TEI>`, query);
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      error: 'file_too_large',
      message: 'The file is larger than 40 MB, the most an upload may be; import it on the server with npm run import',
    });
  });
});
