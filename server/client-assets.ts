/**
 * How the browser client is served: the built files from dist/client with an SPA fallback (any GET
 * outside /api that is not a file gets index.html, so client routes survive a reload), or, in
 * development, vite's middleware with its module transforms and hot reload.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import { clientOutDir, clientRoot, viteConfigFile } from './paths.ts';

export interface ClientAssets {
  handlers: RequestHandler[];
  close(): Promise<void>;
}

export async function clientAssets(isDev: boolean): Promise<ClientAssets> {
  return isDev ? devAssets() : builtAssets();
}

function builtAssets(): ClientAssets {
  const indexHtml = path.join(clientOutDir, 'index.html');
  const spaFallback: RequestHandler = (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) {
      next();
      return;
    }
    // index.html is never cached: it names the hashed bundles of the current build.
    res.sendFile(indexHtml, { headers: { 'Cache-Control': 'no-cache' } }, (error) => {
      // No build yet (a test server, say): an ordinary 404 rather than a server error.
      if (error) next(isMissingFile(error) ? undefined : error);
    });
  };
  return {
    handlers: [hashedBundles(path.join(clientOutDir, 'assets')), express.static(clientOutDir, { index: false }), spaFallback],
    close: async () => undefined,
  };
}

/**
 * The bundles vite names by their content hash (`/assets/index-<hash>.js`) never change under their
 * name: each is read once, kept in memory and sent in one write, and browsers keep it for a year. A
 * streamed file takes a dozen turns of the event loop, each waiting behind whatever the server is
 * doing, such as the room that the same page's request started loading (rooms/warm-reader-room.ts).
 */
function hashedBundles(directory: string): RequestHandler {
  const kept = new Map<string, Promise<Buffer | null>>();
  const read = (name: string) => readFile(path.join(directory, name)).catch((error: Error) => (isMissingFile(error) ? null : Promise.reject(error)));
  return (req, res, next) => {
    const name = /^\/assets\/([\w.-]+\.(?:js|css))$/.exec(req.path)?.[1];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !name) {
      next();
      return;
    }
    let body = kept.get(name);
    if (!body) {
      body = read(name);
      kept.set(name, body);
      // A file missing now (no build yet) may be built later: it is looked for again next time.
      void body.then((found) => found ?? kept.delete(name), () => kept.delete(name));
    }
    body.then((found) => {
      if (!found) {
        res.status(404).type('text/plain').send(`No file ${name}: the page was built by another version of Marginalia; reload it.`);
        return;
      }
      res.type(path.extname(name)).set({ 'Cache-Control': 'public, max-age=31536000, immutable', ETag: `"${name}"` });
      if (req.fresh) res.status(304).end();
      else res.send(found);
    }, next);
  };
}

async function devAssets(): Promise<ClientAssets> {
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: viteConfigFile,
    root: clientRoot,
    appType: 'spa',
    server: { middlewareMode: true },
  });
  const skipApi: RequestHandler = (req, res, next) => (isApiPath(req.path) ? next() : vite.middlewares(req, res, next));
  return { handlers: [skipApi], close: () => vite.close() };
}

function isApiPath(urlPath: string): boolean {
  return urlPath === '/api' || urlPath.startsWith('/api/');
}

function isMissingFile(error: Error): boolean {
  const { status, code } = error as { status?: unknown; code?: unknown };
  return status === 404 || code === 'ENOENT';
}
