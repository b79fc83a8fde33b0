/**
 * A policy decision as the error every caller answers with: 401 to sign in, 404 for what the asker
 * may not know exists (`hidden`, named by `notFound`), 403 for what they see but may not do.
 */
import { forbidden, notFound as notFoundError, unauthenticated, type HttpError } from '../errors.ts';
import type { Decision } from './can.ts';

export function enforce(decision: Decision, refusals: { notFound?: () => HttpError; forbidden?: () => HttpError } = {}): void {
  if (decision === 'allow') return;
  if (decision === 'unauthenticated') throw unauthenticated();
  if (decision === 'hidden') throw (refusals.notFound ?? (() => notFoundError('The seminar')))();
  throw (refusals.forbidden ?? (() => forbidden()))();
}
