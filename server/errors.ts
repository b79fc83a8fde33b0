/**
 * The errors the API answers with. Each has an HTTP status and a stable id (`error` in the body)
 * that clients may branch on; the message is for people and may change.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const documentNotFound = (id: string) => new HttpError(404, 'document_not_found', `No document with id "${id}"`);

export const routeNotFound = (method: string, path: string) =>
  new HttpError(404, 'route_not_found', `No API route for ${method} ${path}`);

export const invalidJson = () => new HttpError(400, 'invalid_json', 'The request body is not valid JSON');

export const payloadTooLarge = () => new HttpError(413, 'payload_too_large', 'The request body is too large');

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);

export const internalError = () => new HttpError(500, 'internal_error', 'Something went wrong on the server');
