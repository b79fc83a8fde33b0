/**
 * The HTTP side of the Web Annotation Protocol shared by its container and its annotations: content
 * negotiation (JSON-LD with the annotation profile; plain JSON for a client that asks only for it),
 * strong ETags, `If-Match`, and the answer's headers.
 *
 * An ETag is a hash of the exact representation served (RFC 9110 8.8.1: a strong validator changes
 * whenever the bytes would), so that any change that shows in an annotation (its words, tags,
 * passage, `modified`) makes an earlier ETag stale. The representation names IRIs under the host the
 * request came to, so one annotation has one ETag per host name: a client keeps to one.
 */
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { notAcceptable, preconditionFailed, preconditionRequired, unsupportedMediaType } from '../errors.ts';
import { annotationMediaType } from './model.ts';

const servedTypes = ['application/ld+json', 'application/json'];

/** The media type to answer with, from `Accept`; 406 when the client takes neither JSON-LD nor JSON. */
export function negotiatedType(req: Request): string {
  // The profile is offered by name too: an Accept that names it matches only an offer that does.
  const chosen = req.accepts([annotationMediaType, ...servedTypes]);
  if (chosen === false) throw notAcceptable(annotationMediaType);
  return chosen === 'application/json' ? 'application/json' : annotationMediaType;
}

/** 415 for a body that is neither JSON-LD nor JSON (the profile parameter is not required). */
export function requireJsonBody(req: Request): void {
  if (!req.is(servedTypes)) throw unsupportedMediaType(`${annotationMediaType} (or application/json)`);
}

export const etagOf = (bytes: Buffer) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;

export const representationOf = (body: unknown) => Buffer.from(JSON.stringify(body));

/**
 * Answers `body` with its ETag and type; a GET whose If-None-Match names that ETag gets 304 (Express
 * compares them), a HEAD the headers alone. A Buffer, so that Express adds no charset parameter.
 */
export function sendRepresentation(req: Request, res: Response, body: unknown, headers: Record<string, string>): void {
  const bytes = representationOf(body);
  res.set({ ...headers, ETag: etagOf(bytes) }).type(negotiatedType(req)).send(bytes);
}

/**
 * The `If-Match` precondition against the current ETag: `required` makes a missing one 428 (a PUT
 * without it would overwrite blindly); a stale one is 412. `*` matches anything that exists.
 */
export function checkIfMatch(req: Request, currentEtag: string, options: { required: boolean }): void {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '') {
    if (options.required) throw preconditionRequired();
    return;
  }
  const tags = header.split(',').map((tag) => tag.trim());
  // Weak tags never match strongly (RFC 9110 13.1.1).
  if (!tags.includes('*') && !tags.includes(currentEtag)) throw preconditionFailed();
}
