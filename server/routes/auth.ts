/**
 * Sign-up, sign-in, sign-out and the account: POST /api/auth/signup | signin | signout,
 * GET/PATCH /api/me, POST /api/me/password. Sign-in and sign-up are rate limited per IP and, for
 * sign-in, per account; a refusal never says whether an email has an account.
 */
import { hashSessionToken } from '../auth/session-tokens.ts';
import type { LiveSessions } from '../auth/live-sessions.ts';
import { Router, type Request, type Response } from 'express';
import { changePasswordSchema, signInSchema, signUpSchema, updateMeSchema, type UserRecord } from '../../shared/accounts.ts';
import type { Database } from '../db/database.ts';
import { createRateLimiter, type RateLimiter } from '../auth/rate-limiter.ts';
import { changePassword, signIn, signOut } from '../commands/sessions.ts';
import { signUp } from '../commands/sign-up.ts';
import { notFound, tooManyAttempts } from '../errors.ts';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.ts';
import { presentUser } from '../presenters/accounts.ts';
import { findUserById, normalizeEmail, updateUserDisplayName } from '../repos/users.ts';
import { ownAccount, parseBody, requireAllowed } from './parse.ts';

const fifteenMinutes = 15 * 60 * 1000;

export interface AuthLimits {
  perIp: RateLimiter;
  perAccount: RateLimiter;
}

export function createAuthLimits(): AuthLimits {
  return {
    perIp: createRateLimiter({ max: 30, windowMs: fifteenMinutes }),
    perAccount: createRateLimiter({ max: 10, windowMs: fifteenMinutes }),
  };
}

function limit(limiter: RateLimiter, key: string, res: Response): void {
  const retryAfter = limiter.hit(key);
  if (retryAfter > 0) {
    res.set('Retry-After', String(retryAfter));
    throw tooManyAttempts(retryAfter);
  }
}

export function authRouter(db: Database, limits: AuthLimits, live: LiveSessions): Router {
  const router = Router();

  router.post('/auth/signup', async (req, res) => {
    limit(limits.perIp, `ip:${req.ip}`, res);
    const input = parseBody(signUpSchema, req.body);
    const { user, session } = await signUp(db, input);
    setSessionCookie(res, session, req.secure);
    res.status(201).json(presentUser(user) satisfies UserRecord);
  });

  router.post('/auth/signin', async (req, res) => {
    limit(limits.perIp, `ip:${req.ip}`, res);
    const input = parseBody(signInSchema, req.body);
    limit(limits.perAccount, `account:${normalizeEmail(input.email)}`, res);
    const { user, session } = await signIn(db, input.email, input.password);
    limits.perAccount.reset(`account:${normalizeEmail(input.email)}`);
    setSessionCookie(res, session, req.secure);
    res.json(presentUser(user) satisfies UserRecord);
  });

  router.post('/auth/signout', async (req, res) => {
    if (req.sessionToken) {
      await signOut(db, req.sessionToken);
      live.endSession(hashSessionToken(req.sessionToken)); // its sockets and rooms end with it
    }
    clearSessionCookie(res, req.secure);
    res.status(204).end();
  });

  // Who is signed in, without an error when nobody is: what a page asks before it knows.
  router.get('/session', async (req, res) => {
    const user = req.actor.type === 'user' ? await findUserById(db, req.actor.id) : null;
    res.json({ user: user ? presentUser(user) : null } satisfies { user: UserRecord | null });
  });

  router.get('/me', async (req, res) => {
    const actor = requireAllowed(req, 'account.read', ownAccount(req));
    const user = await findUserById(db, actor.id);
    if (!user) throw notFound('The account');
    res.json(presentUser(user) satisfies UserRecord);
  });

  router.patch('/me', async (req, res) => {
    const actor = requireAllowed(req, 'account.update', ownAccount(req));
    const { name } = parseBody(updateMeSchema, req.body);
    const user = await updateUserDisplayName(db, actor.id, name);
    if (!user) throw notFound('The account');
    res.json(presentUser(user) satisfies UserRecord);
  });

  router.post('/me/password', async (req: Request, res) => {
    const actor = requireAllowed(req, 'account.update', ownAccount(req));
    const input = parseBody(changePasswordSchema, req.body);
    limit(limits.perAccount, `password:${actor.id}`, res);
    await changePassword(db, { userId: actor.id, currentToken: req.sessionToken!, ...input });
    live.endOtherSessions(actor.id, hashSessionToken(req.sessionToken!));
    res.status(204).end();
  });

  return router;
}
