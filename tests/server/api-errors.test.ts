import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../shared/document.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';

describe('API errors', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('answers an unknown /api route with a JSON 404', async () => {
    const { status, body } = await getJson<ApiError>(`${server.url}/api/no/such/route?x=1`);
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'route_not_found', message: 'No API route for GET /api/no/such/route' });
  });

  it('answers a malformed JSON body with a JSON 400', async () => {
    const response = await fetch(`${server.url}/api/documents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_json', message: 'The request body is not valid JSON' });
  });

  it('serves the client for other paths, so client routes survive a reload', async () => {
    const response = await fetch(`${server.url}/documents/frus1981-88v41-d97`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
  });
});
