/**
 * `npm run import -- FILE [--meta FILE.meta.json]`: imports a plain-text source into the configured
 * database. Without --meta, `<stem>.meta.json` beside FILE is used when present. Prints
 * `imported <id>` or `already imported <id>`; any failure is one line on stderr and exit code 1.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrate.ts';
import { importDocument } from './commands/import-document.ts';
import { readSourceFile } from './source-file.ts';

const usage = 'usage: npm run import -- FILE [--meta FILE.meta.json]';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ options: { meta: { type: 'string' } }, allowPositionals: true });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new Error(usage);
  const config = loadConfig();
  const input = await readSourceFile(file, values.meta);
  const db = await openDatabase(config);
  try {
    // A fresh installation may import before the server ever started.
    await migrate(db);
    const result = await importDocument(db, input);
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stdout.write(`${result.created ? 'imported' : 'already imported'} ${result.id}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`marginalia import: ${message.split('\n')[0]}\n`);
  process.exit(1);
});
