/**
 * Request parsing at the boundary: bodies through the shared zod schemas, path ids checked for shape,
 * so that a malformed request gets a 400 (or 404) that says what is wrong, never a database error.
 */
import type { Request } from 'express';
import { z } from 'zod';
import { badRequest, notFound, unauthenticated } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize, type Action, type Resource } from '../policies/can.ts';
import { enforce } from '../policies/enforce.ts';

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const message = issue?.code === 'unrecognized_keys' ? `Unknown field(s): ${issue.keys.join(', ')}` : `${field}${issue?.message ?? 'invalid request'}`;
  throw badRequest(message);
}

const uuid = z.uuid();

/** A path id that must be a UUID; anything else names nothing that exists. */
export function uuidParam(value: string | undefined, what: string): string {
  if (!uuid.safeParse(value).success) throw notFound(what);
  return value!;
}

/** The signed-in user, or 401. */
export function requireUser(req: Request): Extract<Actor, { type: 'user' }> {
  if (req.actor.type === 'anonymous') throw unauthenticated();
  return req.actor;
}

/** The signed-in user, when the policy lets them do `action` on `resource`; else the policy's error. */
export function requireAllowed(req: Request, action: Action, resource: Resource): Extract<Actor, { type: 'user' }> {
  enforce(authorize(req.actor, action, resource));
  return requireUser(req);
}

/** The account of whoever asks: the session decides whose account a request is about. */
export function ownAccount(req: Request): Resource {
  return { type: 'account', userId: req.actor.type === 'user' ? req.actor.id : '' };
}
