/**
 * Uploading a file to the library (POST /api/documents/imports): the file itself as the body, so that
 * a TEI volume of tens of megabytes is neither read into a string nor wrapped in JSON by the page.
 */
import type { ImportReport } from '../../shared/library-import.ts';
import type { NewVersionResult } from '../../shared/document.ts';
import { request, segment, sendFile, type ApiResult } from './api.ts';

export async function uploadForImport(file: File, importId: string): Promise<ApiResult<ImportReport>> {
  const query = new URLSearchParams({ fileName: file.name, importId });
  const type = /\.txt$/i.test(file.name) || file.type === 'text/plain' ? 'text/plain' : 'application/xml';
  return sendFile<ImportReport>(`/api/documents/imports?${query.toString()}`, { type, content: file });
}

/** A corrected transcription as the next version of a document; its annotations move onto it. */
export function importVersion(documentId: string, file: { fileName: string; source: string }): Promise<ApiResult<NewVersionResult>> {
  return request<NewVersionResult>('POST', `/api/documents/${segment(documentId)}/versions`, file);
}
