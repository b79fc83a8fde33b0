import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientOutDir } from '../../server/paths.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

describe('the client’s built files', () => {
  let server: TestServer;
  let bundle: string;
  beforeAll(async () => {
    server = await startTestServer();
    bundle = readdirSync(path.join(clientOutDir, 'assets')).find((name) => name.endsWith('.js')) ?? '';
  });
  afterAll(() => server?.close());

  it('sends a hashed bundle whole, for browsers to keep for a year, and answers a repeat question with 304', async () => {
    const response = await fetch(`${server.url}/assets/${bundle}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await response.arrayBuffer()).equals(readFileSync(path.join(clientOutDir, 'assets', bundle)))).toBe(true);

    // (fetch marks a conditional request no-cache, as a reload would; a browser's revalidation does not.)
    const again = await new Promise<number | undefined>((resolve, reject) => {
      get(`${server.url}/assets/${bundle}`, { headers: { 'if-none-match': response.headers.get('etag') ?? '' } }, (answer) => {
        answer.resume();
        resolve(answer.statusCode);
      }).on('error', reject);
    });
    expect(again).toBe(304);
    const head = await fetch(`${server.url}/assets/${bundle}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers a bundle of another build with a 404 that says to reload, not with the page', async () => {
    const response = await fetch(`${server.url}/assets/index-0ld8uild.js`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/another version of Marginalia; reload/);
  });

  it('carries no schema code in the bundle: the browser imports the shared words it needs from zod-free modules', () => {
    // A value imported from accounts.ts, annotations.ts or selectors.ts brings zod and all their schemas
    // into the page (about a sixth of the bundle, and their construction at every start).
    const code = readFileSync(path.join(clientOutDir, 'assets', bundle), 'utf8');
    expect(code).not.toMatch(/_zod/);
  });
});
