/**
 * Importing a W3C collection into a seminar's layer: a file of `items` annotations (a fifth of them
 * with a reply) planned and written through the command path on PostgreSQL, one command at a time
 * (the reference: how the import first worked) and a window at a time (what it does now), each into
 * a seminar of its own, in alternating order. Prints the time of each and the ratio.
 */
import { randomUUID } from 'node:crypto';
import { commandExecutor } from '../server/commands/execute-command.ts';
import { importDocument } from '../server/commands/import-document.ts';
import { migrate } from '../server/db/migrate.ts';
import { openPostgres } from '../server/db/postgres.ts';
import { createLogger } from '../server/logger.ts';
import { insertGroupDocument } from '../server/repos/group-documents.ts';
import { insertGroup, insertMembership } from '../server/repos/groups.ts';
import { insertUser } from '../server/repos/users.ts';
import { createRoomRegistry } from '../server/rooms/room-registry.ts';
import { readSourceFile } from '../server/source-file.ts';
import { planImport } from '../server/w3c/collection-import.ts';
import { importWindow, runImportPlan } from '../server/w3c/run-import.ts';
import { now } from './clock.ts';
import { createBenchSchema, log } from './write-path.ts';

export interface ImportBenchOptions {
  databaseUrl: string;
  items: number;
  rounds: number;
}

export interface ImportBenchResult {
  items: number;
  /** Seconds per run, by way of writing. */
  oneByOne: number[];
  windowed: number[];
}

export async function runImportBench(options: ImportBenchOptions, cleanup: { add(fn: () => Promise<void>): void }): Promise<ImportBenchResult> {
  const schema = await createBenchSchema(options.databaseUrl, cleanup);
  const db = await openPostgres(options.databaseUrl, { schema });
  cleanup.add(() => db.close());
  await migrate(db);
  const memo = await importDocument(db, await readSourceFile('server/seed/frus1981-88v41-d97.txt'));
  const text = (await db.query<{ text: string }>('SELECT text FROM documents WHERE id = $1', [memo.id])).rows[0]!.text;
  const user = (await insertUser(db, { email: `importer-${schema}@example.edu`, displayName: 'Importer', passwordHash: 'x' }))!;
  const rooms = createRoomRegistry(db, createLogger('silent'));
  cleanup.add(() => rooms.close());
  const execute = commandExecutor(db, rooms, { publish: () => undefined });
  const collection = collectionOn(text, options.items);

  const result: ImportBenchResult = { items: options.items, oneByOne: [], windowed: [] };
  for (let round = 0; round < options.rounds; round += 1) {
    const order: ('oneByOne' | 'windowed')[] = round % 2 === 0 ? ['oneByOne', 'windowed'] : ['windowed', 'oneByOne'];
    for (const way of order) {
      const group = await insertGroup(db, { name: `Import ${way} ${round}`, description: '', createdBy: user.id });
      await insertMembership(db, { groupId: group.id, userId: user.id, role: 'owner' });
      await insertGroupDocument(db, { groupId: group.id, documentId: memo.id, addedBy: user.id });
      const started = now();
      const plan = planImport(collection, text, { groupId: group.id, documentId: memo.id });
      if ('error' in plan) throw new Error(plan.error);
      const report = await runImportPlan(execute, { type: 'user', id: user.id, isAdmin: false }, plan, way === 'oneByOne' ? 1 : importWindow);
      const seconds = (now() - started) / 1000;
      if (report.unplaced.length > 0) throw new Error(`unplaced: ${JSON.stringify(report.unplaced[0])}`);
      result[way].push(seconds);
      log(`round ${round + 1}: ${way === 'oneByOne' ? 'one by one' : `window ${importWindow}`}: ${report.placed.length} items in ${seconds.toFixed(2)} s`);
    }
  }
  return result;
}

/** A collection of `items` annotations on passages spread over the text, one in five answered. */
function collectionOn(text: string, items: number): unknown {
  const words = [...text.matchAll(/\S+ \S+ \S+/g)].filter((match) => !match[0].includes('\n'));
  const annotations: unknown[] = [];
  for (let i = 0; i < items; i += 1) {
    const passage = words[(i * 7) % words.length]!;
    const id = `urn:bench:${randomUUID()}`;
    annotations.push({
      id,
      type: 'Annotation',
      bodyValue: `Imported note ${i}`,
      target: { source: 'urn:memo', selector: { type: 'TextPositionSelector', start: passage.index, end: passage.index + passage[0].length } },
    });
    if (i % 5 === 0) annotations.push({ id: `${id}:reply`, type: 'Annotation', motivation: 'replying', bodyValue: `A reply to ${i}`, target: id });
  }
  return { type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: annotations } };
}

export function printImportSummary(result: ImportBenchResult): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const slow = median(result.oneByOne);
  const fast = median(result.windowed);
  console.log(`\nimport of ${result.items} annotations (+ ${Math.ceil(result.items / 5)} replies), median of ${result.windowed.length} runs each:`);
  console.log(`  one by one (reference): ${slow.toFixed(2)} s (${(result.items / slow).toFixed(0)} annotations/s)`);
  console.log(`  window of ${importWindow}:          ${fast.toFixed(2)} s (${(result.items / fast).toFixed(0)} annotations/s)`);
  console.log(`  ratio: ${(slow / fast).toFixed(1)}× faster`);
}
