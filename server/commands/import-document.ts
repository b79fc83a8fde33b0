/**
 * Imports one plain-text source as a document, in one transaction.
 *
 * Importing is idempotent by content: the sha256 of the source and its metadata is stored, so the same
 * file imported twice (or seeded on every start) yields the existing id. The id is the metadata's slug,
 * else a slug of the file name; when that id belongs to a different source, -2, -3 … is appended.
 */
import { createHash } from 'node:crypto';
import type { DocumentMetadata } from '../../shared/document.ts';
import type { Database } from '../db/database.ts';
import { importFrusPlainText } from '../import/frus-plain-text.ts';
import { findDocumentIdBySourceHash, findDocumentIdsLike, insertDocument, lockDocumentImports } from '../repos/documents.ts';

export interface ImportDocumentInput {
  source: string;
  metadata?: DocumentMetadata | undefined;
  /** The file the source came from: its name gives the id when the metadata has no slug. */
  fileName: string;
}

export interface ImportDocumentResult {
  id: string;
  /** false when this exact source was already imported. */
  created: boolean;
  /** What the importer could not place; empty when nothing was imported. */
  warnings: string[];
}

export async function importDocument(db: Database, input: ImportDocumentInput): Promise<ImportDocumentResult> {
  const sourceHash = hashSource(input.source, input.metadata);
  // Checked before parsing so that the seed on every start costs one query.
  const existing = await findDocumentIdBySourceHash(db, sourceHash);
  if (existing) return { id: existing, created: false, warnings: [] };

  const imported = importFrusPlainText(input.source, input.metadata);
  return db.transaction(async (tx) => {
    await lockDocumentImports(tx);
    const raced = await findDocumentIdBySourceHash(tx, sourceHash);
    if (raced) return { id: raced, created: false, warnings: [] };

    const base = input.metadata?.slug ?? slugFromFileName(input.fileName);
    const id = nextFreeId(base, await findDocumentIdsLike(tx, base));
    await insertDocument(tx, {
      id,
      sourceHash,
      title: imported.title,
      dateline: imported.dateline,
      citation: imported.citation,
      body: imported.body,
      text: imported.text,
      pages: imported.pages,
      footnotes: imported.footnotes,
    });
    return { id, created: true, warnings: imported.warnings };
  });
}

/** The hash covers the metadata too: the same text with a corrected citation is a different import. */
export function hashSource(source: string, metadata: DocumentMetadata | undefined): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(stableJson(metadata ?? {}))
    .digest('hex');
}

export function slugFromFileName(fileName: string): string {
  const stem = fileName.replace(/^.*[\\/]/, '').replace(/(\.meta)?\.[^.]*$/, '');
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 72) // room for a -N suffix within the 80 characters a slug may have
    .replace(/-+$/, '');
  return slug || 'document';
}

function nextFreeId(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** JSON with sorted keys, so that the hash does not depend on the order keys were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
