import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleVolume, brokenDivision } from '../fixtures/frus/tei-files.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { runScript } from '../helpers/run.ts';

// The CLI opens the database itself; PGlite's folder must not be open in another process, so this
// test gets a database of its own and no server.
describe('npm run import', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('imports a file with its sibling metadata once, then reports it already imported', async () => {
    const first = await runScript('server/import-cli.ts', ['server/seed/frus1981-88v41-d97.txt'], database.env);
    expect(first).toMatchObject({ code: 0, stdout: 'imported frus1981-88v41-d97\n' });
    const second = await runScript('server/import-cli.ts', ['server/seed/frus1981-88v41-d97.txt'], database.env);
    expect(second).toMatchObject({ code: 0, stdout: 'already imported frus1981-88v41-d97\n', stderr: '' });
  });

  it('imports the memo’s TEI as the next version of the plain-text memo, once', async () => {
    const args = ['tests/fixtures/frus/frus1981-88v41-d97.xml', '--new-version-of', 'frus1981-88v41-d97'];
    const first = await runScript('server/import-cli.ts', args, database.env);
    expect(first).toMatchObject({ code: 0, stdout: 'version 2 of frus1981-88v41-d97: 0 annotations re-anchored\n', stderr: '' });
    const again = await runScript('server/import-cli.ts', args, database.env);
    expect(again).toMatchObject({ code: 0, stdout: 'already version 2 of frus1981-88v41-d97\n' });
    const stranger = await runScript('server/import-cli.ts', [...args, '--by', 'nobody@example.edu'], database.env);
    expect(stranger).toMatchObject({ code: 1, stderr: 'marginalia import: nobody@example.edu is not an administrator of this instance\n' });
    const missing = await runScript('server/import-cli.ts', ['tests/fixtures/frus/frus1981-88v05-d4.xml', '--new-version-of', 'no-such-document'], database.env);
    expect(missing).toMatchObject({ code: 1, stderr: 'marginalia import: No document with id "no-such-document"\n' });
  });

  it('fails with one line for a missing file', async () => {
    const result = await runScript('server/import-cli.ts', ['no/such/file.txt'], database.env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^marginalia import: cannot read no\/such\/file\.txt \(no such file\)\n$/);
  });

  describe('with TEI', () => {
    let folder: string;
    beforeAll(async () => {
      folder = await mkdtemp(path.join(os.tmpdir(), 'marginalia-tei-'));
    });
    afterAll(() => rm(folder, { recursive: true, force: true }));

    it('imports one TEI document as it imports a plain text', async () => {
      const result = await runScript('server/import-cli.ts', ['tests/fixtures/frus/frus1981-88v05-d4.xml'], database.env);
      expect(result).toMatchObject({ code: 0, stdout: 'imported frus1981-88v05-d4\n', stderr: '' });
    });

    it('imports a volume with a line of progress per document, the failure reported, and a summary', async () => {
      const file = path.join(folder, 'frus1981-88v05.xml');
      await writeFile(file, assembleVolume({ broken: true }));
      const result = await runScript('server/import-cli.ts', [file], database.env);
      expect(result.code).toBe(0);
      expect(result.stdout.split('\n')).toEqual([
        'already imported frus1981-88v05-d4',
        expect.stringMatching(/^failed d5: d5: the document does not begin with its title \(<head>\), but with <p> on line \d+$/),
        'imported frus1981-88v05-d7',
        'imported frus1981-88v05-d97',
        '',
      ]);
      // stderr is a pipe here, not a terminal: one line per document rather than a redrawn bar.
      expect(result.stderr.split('\n')).toEqual([
        '[1/4] already imported frus1981-88v05-d4',
        expect.stringMatching(/^\[2\/4\] failed d5: /),
        '[3/4] imported frus1981-88v05-d7',
        '[4/4] imported frus1981-88v05-d97',
        '4 documents: 2 imported, 1 already imported, 1 failed',
        '',
      ]);
    });

    it('exits with 1 when every document of a volume fails', async () => {
      const file = path.join(folder, 'broken.xml');
      await writeFile(file, `<TEI xml:id="frus1981-88v05"><text><body>${brokenDivision}${brokenDivision.replace('d5', 'd6')}</body></text></TEI>`);
      const result = await runScript('server/import-cli.ts', [file], database.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/2 documents: 0 imported, 0 already imported, 2 failed\n$/);
    });

    it('refuses a file that is not well-formed XML in one line', async () => {
      const file = path.join(folder, 'torn.xml');
      await writeFile(file, '<TEI><text><body><div type="document" xml:id="d1"><head>1.</head>');
      const result = await runScript('server/import-cli.ts', [file], database.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^marginalia import: the file is not well-formed XML: .+\n$/);
    });
  });
});
