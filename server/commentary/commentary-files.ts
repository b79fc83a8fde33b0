/**
 * What an export of the commentary resolves its citations against: the document's source (for
 * passage citations) and the group's layer as its readers see it (for annotation references: a
 * hidden body stays hidden in a file that travels beyond the seminar, as in the layer's own exports).
 */
import type { Database } from '../db/database.ts';
import { findLayer } from '../queries/annotation-layer.ts';
import type { CommentaryRoomKey } from '../repos/commentary.ts';
import { findDocument } from '../repos/documents.ts';
import { resolveAnnotationRecord } from '../../shared/commentary-text.ts';
import type { ExportContext } from './commentary-export.ts';

export async function findExportContext(db: Database, key: CommentaryRoomKey): Promise<ExportContext> {
  const document = await findDocument(db, key.documentId);
  const layer = await findLayer(db, { type: 'group', groupId: key.groupId, documentId: key.documentId });
  const annotations = new Map(layer.annotations.map((annotation) => [annotation.id, annotation]));
  const title = document?.title ?? key.documentId;
  const citation = document?.citation ?? null;
  return {
    title,
    source: citation ? `${citation.series}, ${citation.volume}, Document ${citation.document}` : title,
    resolve: (annotationId) => resolveAnnotationRecord(annotations.get(annotationId)),
  };
}
