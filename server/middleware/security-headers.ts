/**
 * Security headers through helmet, with a Content-Security-Policy the built client works under:
 * scripts and styles from this origin only; style attributes allowed, since ProseMirror decorations
 * set them; websockets (socket.io, y-websocket) to this origin. Vite's dev server injects inline
 * scripts, so development runs without a CSP.
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';

export function securityHeaders(isDev: boolean): RequestHandler {
  return helmet({
    contentSecurityPolicy: isDev
      ? false
      : {
          useDefaults: true,
          directives: {
            'default-src': ["'self'"],
            'script-src': ["'self'"],
            'style-src': ["'self'"],
            'style-src-attr': ["'unsafe-inline'"],
            'img-src': ["'self'", 'data:'],
            'connect-src': ["'self'"],
            'font-src': ["'self'"],
            'object-src': ["'none'"],
            'frame-ancestors': ["'none'"],
            'upgrade-insecure-requests': null,
          },
        },
    referrerPolicy: { policy: 'same-origin' },
  });
}
