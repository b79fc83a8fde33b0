/**
 * The client's only HTTP code. Every call answers a result value rather than throwing, so that
 * each view can say exactly what went wrong ("No document with id …", "The server is unreachable").
 */
import type { ApiError, DocumentRecord, DocumentSummary } from '../../shared/document.ts';

export type ApiResult<T> =
  | { type: 'ok'; value: T }
  | { type: 'error'; status: number; error: string; message: string };

export function listDocuments(): Promise<ApiResult<DocumentSummary[]>> {
  return getJson<DocumentSummary[]>('/api/documents');
}

export function getDocument(id: string): Promise<ApiResult<DocumentRecord>> {
  return getJson<DocumentRecord>(`/api/documents/${encodeURIComponent(id)}`);
}

async function getJson<T>(path: string): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { accept: 'application/json' } });
  } catch (cause) {
    // fetch rejects only when no answer arrived at all.
    return { type: 'error', status: 0, error: 'network', message: `The server is unreachable (${String(cause)}).` };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { type: 'ok', value: body as T };
  if (isApiError(body)) return { type: 'error', status: response.status, error: body.error, message: body.message };
  return { type: 'error', status: response.status, error: 'http', message: `The server answered ${response.status} ${response.statusText}.` };
}

function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>).error === 'string' &&
    typeof (body as Record<string, unknown>).message === 'string'
  );
}
