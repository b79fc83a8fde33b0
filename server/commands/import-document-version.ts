/**
 * Imports a corrected transcription of a document as its next version, and re-anchors every
 * annotation made on it (all groups' layers and everyone's private notes) in the same transaction.
 *
 * Each annotation is anchored on the new text from its selectors (position, then quote by context,
 * then approximate quote: shared/anchoring.ts, as the browser anchors) and gets the new version's
 * selectors for the passage found, with a `reanchored` event naming the version. One that cannot be
 * placed keeps its selectors and its old version number, is reported, and shows as an orphan in the
 * margin, where its author may attach it again; nothing is dropped.
 */
import { anchor } from '../../shared/anchoring.ts';
import { describeRange } from '../../shared/describe-range.ts';
import type { Database } from '../db/database.ts';
import { documentNotFound, sourceImportedElsewhere } from '../errors.ts';
import type { NewVersionResult } from '../../shared/document.ts';
import { documentRecordOf, readSource, type ImportDocumentInput } from './import-document.ts';
import { lockDocumentImports } from '../repos/documents.ts';
import {
  findVersionBySourceHash,
  lockCurrentVersion,
  lockDocumentAnnotations,
  replaceCurrentVersion,
  writeReanchorings,
  type Reanchoring,
} from '../repos/document-versions.ts';

export interface NewVersionInput {
  documentId: string;
  /** The file, as import-document.ts reads one (plain text, or TEI holding one document). */
  file: ImportDocumentInput;
  /** Who imported it: the actor of the re-anchoring events; null only where nobody has signed up yet. */
  actorId: string | null;
}

/** Throws ImportError when the file cannot be read as a document, before anything is written. */
export async function importDocumentVersion(db: Database, input: NewVersionInput): Promise<NewVersionResult> {
  const source = readSource(input.file);
  const imported = source.parse();
  return db.transaction(async (tx) => {
    await lockDocumentImports(tx);
    const current = await lockCurrentVersion(tx, input.documentId);
    if (!current) throw documentNotFound(input.documentId);
    const known = await findVersionBySourceHash(tx, source.sourceHash);
    if (known && known.documentId === input.documentId) {
      return { documentId: input.documentId, version: known.version, created: false, reanchored: 0, orphans: [], warnings: [] };
    }
    if (known) throw sourceImportedElsewhere(known.documentId);

    const version = current.version + 1;
    await replaceCurrentVersion(tx, { ...documentRecordOf(input.documentId, source.sourceHash, imported), version });

    const moves: Reanchoring[] = [];
    const orphans: NewVersionResult['orphans'] = [];
    for (const annotation of await lockDocumentAnnotations(tx, input.documentId)) {
      const found = anchor(imported.text, annotation.selectors);
      if (found.type === 'orphan') {
        orphans.push({ annotationId: annotation.id, quote: annotation.selectors.quote.exact, reason: found.reason });
        continue;
      }
      moves.push({
        annotationId: annotation.id,
        groupId: annotation.groupId,
        before: { selectors: annotation.selectors, documentVersion: annotation.documentVersion },
        after: { selectors: describeRange(imported.text, found.start, found.end), documentVersion: version },
      });
    }
    if (moves.length > 0) {
      if (input.actorId === null) throw new Error('annotations are re-anchored by someone: name the administrator who imports');
      await writeReanchorings(tx, input.documentId, input.actorId, moves);
    }
    return { documentId: input.documentId, version, created: true, reanchored: moves.length, orphans, warnings: imported.warnings };
  });
}
