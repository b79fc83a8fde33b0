/**
 * Session tokens: 256 random bits for the cookie, and their SHA-256 for the database, so that a
 * copy of the sessions table opens no session.
 */
import { createHash, randomBytes } from 'node:crypto';

export const sessionCookieName = 'marginalia_session';
export const sessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Invite tokens: shorter lived capabilities, 128 bits are plenty and keep links short. */
export function newInviteToken(): string {
  return randomBytes(16).toString('base64url');
}
