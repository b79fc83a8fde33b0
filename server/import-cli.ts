/**
 * `npm run import -- FILE [--meta FILE.meta.json] [--new-version-of ID [--by EMAIL]]`: imports a
 * source into the configured database.
 * FILE is a FRUS plain text, or TEI (told by a .xml name or a file opening with "<"): one document,
 * or a volume of many. Without --meta, `<stem>.meta.json` beside FILE is used when present (for one
 * document only: a volume's documents describe themselves).
 *
 * One document: prints `imported <id>` or `already imported <id>`. A volume: one such line per
 * document on stdout (`failed <xml:id>: <reason>` for one the importer refused), progress on stderr
 * (a bar redrawn on a terminal, one line per document otherwise) and a summary. The exit code is 1
 * when nothing could be imported (a bad file, or every document refused), else 0: a volume with a few
 * broken documents is still imported, and its failures are on stdout for whoever runs it.
 *
 * With --new-version-of, FILE (one document) becomes the next version of document ID and every
 * annotation on it is re-anchored (commands/import-document-version.ts), by the administrator named
 * with --by, else the instance's first account. Prints `version <n> of <id>: <k> annotations
 * re-anchored` and one `orphan <annotation id>: "<quote>" (<reason>)` line per annotation it could not
 * place. A server running meanwhile keeps its open rooms on the old text until they close: import
 * versions through the API or the library page to have open readers told at once.
 */
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { importDocument, importVolumeDocument, isTeiSource, teiVolumeOf } from './commands/import-document.ts';
import { readSourceFile } from './source-file.ts';
import { importDocumentVersion } from './commands/import-document-version.ts';
import { findFirstUserId } from './repos/instance.ts';
import { findUserByEmail } from './repos/users.ts';
import { importVolume, type VolumeStep } from './import/volume-import.ts';
import { describeOutcome, progressBar, progressLine, summary } from './import/volume-progress.ts';
import type { Database } from './db/database.ts';
import type { SourceFile } from './source-file.ts';

const usage = 'usage: npm run import -- FILE [--meta FILE.meta.json] [--new-version-of ID [--by EMAIL]]';
/** Above this a file is surely not one FRUS volume (the largest are tens of megabytes). */
const maxFileBytes = 256 * 1024 * 1024;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    options: { meta: { type: 'string' }, 'new-version-of': { type: 'string' }, by: { type: 'string' } },
    allowPositionals: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0 || (values.by !== undefined && values['new-version-of'] === undefined)) throw new Error(usage);
  const config = loadConfig();
  const size = await stat(file).then((stats) => stats.size, () => 0); // a missing file is reported by the read
  if (size > maxFileBytes) throw new Error(`${file} is ${Math.round(size / 2 ** 20)} MB: the importer reads files of at most ${maxFileBytes / 2 ** 20} MB`);
  const input = await readSourceFile(file, values.meta);
  const db = await openDatabase(config);
  try {
    // A fresh installation may import before the server ever started.
    await migrate(db);
    if (values['new-version-of'] !== undefined) await importNewVersion(db, input, values['new-version-of'], values.by);
    else if (isTeiSource(input.fileName, input.source)) await importTei(db, input);
    else await importOne(db, input);
  } finally {
    await db.close();
  }
}

async function importOne(db: Database, input: SourceFile): Promise<void> {
  const result = await importDocument(db, input);
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  process.stdout.write(`${result.created ? 'imported' : 'already imported'} ${result.id}\n`);
}

async function importNewVersion(db: Database, input: SourceFile, documentId: string, byEmail: string | undefined): Promise<void> {
  const actorId = await administratorId(db, byEmail);
  const result = await importDocumentVersion(db, { documentId, file: input, actorId });
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (!result.created) {
    process.stdout.write(`already version ${result.version} of ${result.documentId}\n`);
    return;
  }
  process.stdout.write(`version ${result.version} of ${result.documentId}: ${result.reanchored} annotations re-anchored\n`);
  for (const orphan of result.orphans) process.stdout.write(`orphan ${orphan.annotationId}: ${JSON.stringify(orphan.quote)} (${orphan.reason})\n`);
}

/** Who re-anchors: the named administrator, else the instance's first account (its administrator). */
async function administratorId(db: Database, email: string | undefined): Promise<string | null> {
  // Before anyone signed up there is nobody, and no annotation to move.
  if (email === undefined) return findFirstUserId(db);
  const user = await findUserByEmail(db, email);
  if (!user?.isAdmin) throw new Error(`${email} is not an administrator of this instance`);
  return user.id;
}

async function importTei(db: Database, input: SourceFile): Promise<void> {
  const volume = teiVolumeOf(input.source, input.fileName);
  if (volume.documents.length === 1) {
    const result = await importVolumeDocument(db, volume, volume.documents[0]!, input);
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`${result.created ? 'imported' : 'already imported'} ${result.id}\n`);
    return;
  }
  const terminal = process.stderr.isTTY;
  const onProgress = (step: VolumeStep) => {
    process.stdout.write(`${describeOutcome(step.outcome)}\n`);
    if (terminal) process.stderr.write(`\r\x1b[2K${progressBar(step, process.stderr.columns)}`);
    else process.stderr.write(`${progressLine(step)}\n`);
  };
  const outcomes = await importVolume(db, volume, { fileName: input.fileName, onProgress });
  if (terminal) process.stderr.write('\n');
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') for (const warning of outcome.warnings) process.stderr.write(`warning: ${warning}\n`);
  }
  process.stderr.write(`${summary(outcomes)}\n`);
  if (outcomes.every((outcome) => outcome.status === 'failed')) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`marginalia import: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
