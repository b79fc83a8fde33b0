import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Node as PMNode } from 'prosemirror-model';
import { documentSchema } from '../../../shared/schema.ts';
import type { DocumentImportOutcome } from '../../../shared/library-import.ts';
import { importDocument, teiVolumeOf } from '../../../server/commands/import-document.ts';
import { importVolume, type VolumeStep } from '../../../server/import/volume-import.ts';
import { splitTeiVolume } from '../../../server/import/tei-volume.ts';
import { findDocument } from '../../../server/repos/documents.ts';
import { assembleVolume, teiFile } from '../../fixtures/frus/tei-files.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

describe('splitTeiVolume', () => {
  it('finds the documents, the volume, its titles and lists, and the page each document begins on', () => {
    const volume = splitTeiVolume(assembleVolume({ broken: true }));
    expect(volume.volumeId).toBe('frus1981-88v05');
    expect(volume.titles).toEqual({ number: 'Volume V', title: 'Soviet Union, March 1985–October 1986' });
    expect(volume.documents.map((document) => [document.id, document.title.slice(0, 30), document.pageBefore])).toEqual([
      ['d4', '4. Telegram From the Delegatio', null],
      ['d5', '(no title)', 8],
      ['d7', '7. Information Memorandum From', 19],
      ['d97', '97. Memorandum From the Presid', 21],
    ]);
    expect(volume.glossary.terms.get('t_CSCE_1')).toBe('CSCE, Conference on Security and Cooperation in Europe');
  });

  it('reads a single-document file as a volume of one, named by its file', () => {
    const volume = teiVolumeOf(teiFile('frus1981-88v05-d4'), 'frus1981-88v05-d4.xml');
    expect(volume.volumeId).toBe('frus1981-88v05');
    expect(volume.documents.map((document) => document.id)).toEqual(['d4']);
  });
});

describe('importVolume', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('imports every document in its own transaction, reports the broken one, and is idempotent', async () => {
    const volume = splitTeiVolume(assembleVolume({ volumeId: 'frus1981-88v05', broken: true }));
    const steps: VolumeStep[] = [];
    const outcomes = await importVolume(server.db, volume, { fileName: 'frus1981-88v05.xml', onProgress: (step) => steps.push(step) });
    expect(outcomes.map((outcome) => [outcome.sourceId, outcome.status])).toEqual([
      ['d4', 'imported'],
      ['d5', 'failed'],
      ['d7', 'imported'],
      ['d97', 'imported'],
    ]);
    expect(outcomes[1]).toMatchObject({ message: expect.stringMatching(/^d5: the document does not begin with its title \(<head>\), but with <p> on line \d+$/) });
    expect(steps.map((step) => `${step.done}/${step.total} ${step.outcome.sourceId}`)).toEqual(['1/4 d4', '2/4 d5', '3/4 d7', '4/4 d97']);

    const telegram = await findDocument(server.db, 'frus1981-88v05-d4');
    expect(telegram).toMatchObject({ title: '4. Telegram From the Delegation at the Nuclear and Space Talks to the Department of State', pages: [8] });
    expect(telegram!.citation).toMatchObject({ volume: 'Volume V, Soviet Union, March 1985–October 1986', document: '4' });
    const memo = await findDocument(server.db, 'frus1981-88v05-d7');
    expect(memo!.citation?.firstPage).toBe(19);
    // The volume's own lists name the persons and terms its documents point to.
    let anzus: Record<string, unknown> | undefined;
    PMNode.fromJSON(documentSchema, memo!.body).descendants((node) => {
      anzus ??= node.isText && node.text === 'ANZUS' ? node.marks.find((mark) => mark.type.name === 'term')?.attrs : undefined;
    });
    expect(anzus).toEqual({ target: 't_ANZUS_1', definition: 'ANZUS, Australia-New Zealand-United States (security treaty)' });

    const again = await importVolume(server.db, splitTeiVolume(assembleVolume({ volumeId: 'frus1981-88v05', broken: true })), { fileName: 'copy.xml' });
    expect(again.map((outcome: DocumentImportOutcome) => outcome.status)).toEqual(['already-imported', 'failed', 'already-imported', 'already-imported']);
    expect(again.map((outcome) => (outcome.status === 'failed' ? null : outcome.documentId))).toEqual([
      'frus1981-88v05-d4',
      null,
      'frus1981-88v05-d7',
      'frus1981-88v05-d97',
    ]);
  });

  it('imports a single-document TEI file through importDocument, once', async () => {
    const input = { source: teiFile('frus1981-88v41-d97'), fileName: 'frus1981-88v41-d97.xml' };
    // The seed holds the plain-text memo under this id: the TEI is a different source, so it gets -2.
    expect(await importDocument(server.db, input)).toMatchObject({ id: 'frus1981-88v41-d97-2', created: true, warnings: [] });
    expect(await importDocument(server.db, input)).toMatchObject({ id: 'frus1981-88v41-d97-2', created: false });
    await expect(importDocument(server.db, { source: assembleVolume(), fileName: 'volume.xml' })).rejects.toThrow(/holds 3 documents: import it as a volume/);
  });
});
