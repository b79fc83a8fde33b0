/**
 * The client's only HTTP code. Every call answers a result value rather than throwing, so that
 * each view can say exactly what went wrong ("No document with id …", "The server is unreachable").
 * The session is an httpOnly cookie: same-origin fetches carry it, and no script ever reads it.
 */
import type { ApiError, DocumentRecord, DocumentSummary } from '../../shared/document.ts';

export type ApiResult<T> =
  | { type: 'ok'; value: T }
  | { type: 'error'; status: number; error: string; message: string };

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export function listDocuments(): Promise<ApiResult<DocumentSummary[]>> {
  return request<DocumentSummary[]>('GET', '/api/documents');
}

export function getDocument(id: string): Promise<ApiResult<DocumentRecord>> {
  return request<DocumentRecord>('GET', `/api/documents/${encodeURIComponent(id)}`);
}

/** A JSON request; a 204 answers `undefined` as its value. */
export function request<T>(method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  return send<T>(method, path, body === undefined ? undefined : { type: 'application/json', content: JSON.stringify(body) });
}

/** A text answer (a Markdown file, say), with errors as for JSON. */
export function requestText(path: string): Promise<ApiResult<string>> {
  return send<string>('GET', path, undefined, 'text');
}

/** A file sent as it is, with its own content type (a TEI volume; a W3C collection is `application/ld+json`). */
export function sendFile<T>(path: string, file: { type: string; content: Blob | string }): Promise<ApiResult<T>> {
  return send<T>('POST', path, file);
}

async function send<T>(method: Method, path: string, body: { type: string; content: Blob | string } | undefined, answer: 'json' | 'text' = 'json'): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { accept: answer === 'json' ? 'application/json' : '*/*' } : { accept: 'application/json', 'content-type': body.type },
      ...(body === undefined ? {} : { body: body.content }),
    });
  } catch (cause) {
    // fetch rejects only when no answer arrived at all.
    return { type: 'error', status: 0, error: 'network', message: `The server is unreachable (${String(cause)}).` };
  }
  if (response.status === 204) return { type: 'ok', value: undefined as T };
  if (answer === 'text' && response.ok) return { type: 'ok', value: (await response.text()) as T };
  const parsed: unknown = await response.json().catch(() => null);
  if (response.ok) return { type: 'ok', value: parsed as T };
  if (isApiError(parsed)) return { type: 'error', status: response.status, error: parsed.error, message: parsed.message };
  return { type: 'error', status: response.status, error: 'http', message: `The server answered ${response.status} ${response.statusText}.` };
}


/** The segment of a path built from an id or token. */
export const segment = encodeURIComponent;

function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as Record<string, unknown>).error === 'string' &&
    typeof (body as Record<string, unknown>).message === 'string'
  );
}
