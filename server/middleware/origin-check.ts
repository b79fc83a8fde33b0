/**
 * Refuses state-changing requests sent by another site. Browsers send `Origin` with every POST,
 * PATCH and DELETE, so a page elsewhere cannot make a signed-in browser act here (SameSite=Lax
 * cookies already stop most of it; this also covers sign-in and sign-up, which carry no cookie).
 * Requests without `Origin` come from scripts and tools, not browsers, and pass.
 */
import type { RequestHandler } from 'express';
import { foreignOrigin } from '../errors.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const originCheck: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  if (req.get('sec-fetch-site') === 'cross-site') return next(foreignOrigin());
  const origin = req.get('origin');
  if (origin === undefined) return next();
  let host: string | null;
  try {
    host = new URL(origin).host;
  } catch {
    host = null; // "null" and other opaque origins
  }
  next(host !== null && host === req.get('host') ? undefined : foreignOrigin());
};
