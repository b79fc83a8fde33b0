/**
 * How the browser client is served: the built files from dist/client with an SPA fallback (any GET
 * outside /api that is not a file gets index.html, so client routes survive a reload), or, in
 * development, vite's middleware with its module transforms and hot reload.
 */
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
    handlers: [express.static(clientOutDir, { index: false }), spaFallback],
    close: async () => undefined,
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
