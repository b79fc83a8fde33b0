/**
 * Imports one source as a document, in one transaction: a FRUS plain text, or one document of a TEI
 * file (a single-document file, or a division of a volume: server/import/volume-import.ts).
 *
 * Importing is idempotent by content: the sha256 of the source and its metadata is stored, so the same
 * file imported twice (or seeded on every start) yields the existing id. For TEI the source is the
 * document's division as parsed (not where it stands in the file), with the volume it belongs to, so
 * a volume imported again, or grown by new documents, recognises each document it already gave. The id is the metadata's slug, else the
 * TEI's (volume and document, "frus1981-88v05-d4"), else a slug of the file name; when that id
 * belongs to a different source, -2, -3 … is appended.
 */
import { createHash } from 'node:crypto';
import type { DocumentMetadata } from '../../shared/document.ts';
import type { Database } from '../db/database.ts';
import { ImportError, importFrusPlainText, type ImportedDocument } from '../import/frus-plain-text.ts';
import { importTeiDivision } from '../import/frus-tei.ts';
import { volumeIdFromName } from '../import/tei-citation.ts';
import { splitTeiVolume, type TeiVolume, type VolumeDocument } from '../import/tei-volume.ts';
import { findDocumentIdBySourceHash, findDocumentIdsLike, insertDocument, lockDocumentImports, type NewDocument } from '../repos/documents.ts';

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

/** A TEI file is told by its name or by its first character: FRUS plain text never opens with "<". */
export function isTeiSource(fileName: string, source: string): boolean {
  return /\.(xml|tei)$/i.test(fileName) || /^\uFEFF?\s*</.test(source);
}

/** Imports a plain text, or a TEI file holding one document (a volume goes to importVolume). */
export async function importDocument(db: Database, input: ImportDocumentInput): Promise<ImportDocumentResult> {
  return importParsed(db, readSource(input));
}

/**
 * What a file is as a source: its identity (the hash) and its parse, run only when the source is
 * new. Also what a new version of a document is read from (import-document-version.ts).
 */
export function readSource(input: ImportDocumentInput): ParsedSource {
  if (!isTeiSource(input.fileName, input.source)) {
    return {
      sourceHash: hashSource(input.source, input.metadata),
      fileName: input.fileName,
      parse: () => importFrusPlainText(input.source, input.metadata),
    };
  }
  const volume = teiVolumeOf(input.source, input.fileName);
  if (volume.documents.length > 1) throw new ImportError(`the file holds ${volume.documents.length} documents: import it as a volume`);
  return volumeDocumentSource(volume, volume.documents[0]!, { fileName: input.fileName, metadata: input.metadata });
}

/** A TEI file split into its documents; a bare division takes its volume from the file's name. */
export function teiVolumeOf(source: string, fileName: string): TeiVolume {
  const volume = splitTeiVolume(source);
  return { ...volume, volumeId: volume.volumeId ?? volumeIdFromName(fileName) };
}

/** Imports one document of a TEI volume, in its own transaction. */
export function importVolumeDocument(
  db: Database,
  volume: TeiVolume,
  document: VolumeDocument,
  options: { fileName: string; metadata?: DocumentMetadata | undefined },
): Promise<ImportDocumentResult> {
  return importParsed(db, volumeDocumentSource(volume, document, options));
}

function volumeDocumentSource(volume: TeiVolume, document: VolumeDocument, options: { fileName: string; metadata?: DocumentMetadata | undefined }): ParsedSource {
  const { division, pageBefore } = document;
  // Line numbers say where the division stands in this file, not what it is.
  const origin = JSON.stringify({ volumeId: volume.volumeId, pageBefore, division }, (key, value: unknown) => (key === 'line' ? undefined : value));
  return {
    sourceHash: hashSource(origin, options.metadata),
    fileName: options.fileName,
    parse: () =>
      importTeiDivision(division, options.metadata, { volumeId: volume.volumeId, volumeTitles: volume.titles, glossary: volume.glossary, pageBefore }),
  };
}

export interface ParsedSource {
  sourceHash: string;
  fileName: string;
  parse(): ImportedDocument;
}

async function importParsed(db: Database, input: ParsedSource): Promise<ImportDocumentResult> {
  const { sourceHash } = input;
  // Checked before parsing so that the seed on every start costs one query.
  const existing = await findDocumentIdBySourceHash(db, sourceHash);
  if (existing) return { id: existing, created: false, warnings: [] };

  const imported = input.parse();
  return db.transaction(async (tx) => {
    await lockDocumentImports(tx);
    const raced = await findDocumentIdBySourceHash(tx, sourceHash);
    if (raced) return { id: raced, created: false, warnings: [] };

    const base = imported.slug ?? slugFromFileName(input.fileName);
    const id = nextFreeId(base, await findDocumentIdsLike(tx, base));
    await insertDocument(tx, documentRecordOf(id, sourceHash, imported));
    return { id, created: true, warnings: imported.warnings };
  });
}

/** An imported source as the row of a document (a new one, or a new version of one). */
export function documentRecordOf(id: string, sourceHash: string, imported: ImportedDocument): NewDocument {
  const { title, dateline, citation, body, text, pages, footnotes } = imported;
  return { id, sourceHash, title, dateline, citation, body, text, pages, footnotes };
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
