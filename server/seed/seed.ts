/**
 * The documents every installation starts with: each `*.txt` in this folder, with its `.meta.json`.
 * Run on every start; importing is idempotent by content, so a present document costs one query.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/database.ts';
import { importDocument, type ImportDocumentResult } from '../commands/import-document.ts';
import { readSourceFile } from '../source-file.ts';

const seedDir = fileURLToPath(new URL('.', import.meta.url));

export async function seedDocuments(db: Database): Promise<ImportDocumentResult[]> {
  const files = (await readdir(seedDir)).filter((name) => name.endsWith('.txt')).sort();
  const results: ImportDocumentResult[] = [];
  for (const file of files) {
    const input = await readSourceFile(path.join(seedDir, file));
    try {
      results.push(await importDocument(db, input));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot import the seed document ${file}: ${reason}`, { cause: error });
    }
  }
  return results;
}
