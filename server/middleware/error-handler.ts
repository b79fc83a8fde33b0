/**
 * The one error middleware: every failure becomes `{error, message}` (ApiError) with its status.
 * Unexpected errors are logged with their stack and answered with a generic 500, never the details.
 */
import type { ErrorRequestHandler } from 'express';
import type { ApiError } from '../../shared/document.ts';
import { HttpError, badRequest, databaseUnavailable, internalError, invalidJson, payloadTooLarge } from '../errors.ts';
import { isConnectionError } from '../db/connection-error.ts';

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const httpError = toHttpError(error);
  if (httpError.status >= 500) req.log.error({ err: error }, 'request failed');
  const body: ApiError = { error: httpError.id, message: httpError.message };
  res.status(httpError.status).json(body);
};

/** body-parser reports its failures as errors with a `type`; they are the client's fault. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (isConnectionError(error)) return databaseUnavailable();
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  if (type === 'entity.parse.failed') return invalidJson();
  if (type === 'entity.too.large') return payloadTooLarge();
  if (typeof type === 'string' && type.startsWith('entity.') || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return badRequest('The request body could not be read');
  }
  return internalError();
}
