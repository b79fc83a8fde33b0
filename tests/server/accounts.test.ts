import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GroupRecord, GroupSummary, UserRecord } from '../../shared/accounts.ts';
import { hashSessionToken } from '../../server/auth/session-tokens.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ApiClient, signUpUser, type TestUser } from '../helpers/http-client.ts';

describe('accounts and sessions', () => {
  let server: TestServer;
  let first: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    first = await signUpUser(server.url, 'Ana Historian');
  });
  afterAll(() => server?.close());

  it('makes the first account the administrator and owner of the demo seminar with the memo', async () => {
    const me = await first.client.get<UserRecord>('/api/me');
    expect(me.body).toMatchObject({ id: first.id, name: 'Ana Historian', email: first.email, isAdmin: true });
    const groups = await first.client.get<GroupSummary[]>('/api/groups');
    expect(groups.body).toEqual([expect.objectContaining({ name: 'Demo seminar', role: 'owner', memberCount: 1 })]);
    const demo = await first.client.get<GroupRecord>(`/api/groups/${groups.body[0]!.id}`);
    expect(demo.body.documents.map((document) => document.id)).toEqual(['frus1981-88v41-d97']);

    const second = await signUpUser(server.url, 'Ben Student');
    expect((await second.client.get<UserRecord>('/api/me')).body.isAdmin).toBe(false);
    expect((await second.client.get<GroupSummary[]>('/api/groups')).body).toEqual([]);
  });

  it('sets the session as an httpOnly, SameSite=Lax cookie and keeps only a hash of it', async () => {
    const client = new ApiClient(server.url);
    const response = await fetch(`${server.url}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: first.email, password: first.password }),
    });
    const cookie = response.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^marginalia_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Expires=/);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const stored = await server.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions');
    expect(stored.rows.map((row) => row.token_hash)).toContain(hashSessionToken(token));
    expect(stored.rows.map((row) => row.token_hash)).not.toContain(token);
    client.cookie = `marginalia_session=${token}`;
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const client = new ApiClient(server.url);
    const wrong = await client.post('/api/auth/signin', { email: first.email, password: 'not the password at all' });
    const unknown = await client.post('/api/auth/signin', { email: 'nobody@example.edu', password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    expect(unknown).toMatchObject({ status: wrong.status, body: wrong.body });
    expect(JSON.stringify(wrong.body)).not.toMatch(/exist|unknown|no account/i);
  });

  it('refuses a second account on the same email without saying that it exists', async () => {
    const again = await new ApiClient(server.url).post('/api/auth/signup', { name: 'Copy', email: first.email.toUpperCase(), password: 'another long password' });
    expect(again.status).toBe(409);
    expect(JSON.stringify(again.body)).not.toMatch(/exists|taken|already registered/i);
  });

  it('explains invalid sign-up details', async () => {
    const client = new ApiClient(server.url);
    expect((await client.post('/api/auth/signup', { name: 'X', email: 'not-an-email', password: 'long enough pass' })).body).toMatchObject({
      error: 'bad_request',
      message: expect.stringMatching(/email/i),
    });
    expect((await client.post('/api/auth/signup', { name: 'X', email: 'x@example.edu', password: 'short' })).body).toMatchObject({
      message: expect.stringMatching(/at least 10 characters/),
    });
    expect((await client.post('/api/auth/signup', { name: 'X', email: 'x@example.edu', password: 'long enough pass', isAdmin: true })).body).toMatchObject({
      message: expect.stringMatching(/Unknown field.*isAdmin/),
    });
  });

  it('signs out: the old cookie no longer opens the session', async () => {
    const user = await signUpUser(server.url, 'Short Stay');
    const cookie = user.client.cookie;
    expect((await user.client.post('/api/auth/signout')).status).toBe(204);
    expect(user.client.cookie).toBeNull();
    user.client.cookie = cookie;
    expect((await user.client.get('/api/me')).status).toBe(401);
  });

  it('changes the password: other sessions end, this one stays, the old password stops working', async () => {
    const user = await signUpUser(server.url, 'Careful');
    const otherTab = new ApiClient(server.url);
    await otherTab.post('/api/auth/signin', { email: user.email, password: user.password });
    expect((await otherTab.get('/api/me')).status).toBe(200);

    expect((await user.client.post('/api/me/password', { currentPassword: 'wrong wrong wrong', newPassword: 'a new long password' })).status).toBe(403);
    expect((await user.client.post('/api/me/password', { currentPassword: user.password, newPassword: 'a new long password' })).status).toBe(204);
    expect((await user.client.get('/api/me')).status).toBe(200);
    expect((await otherTab.get('/api/me')).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/auth/signin', { email: user.email, password: user.password })).status).toBe(401);
    expect((await new ApiClient(server.url).post('/api/auth/signin', { email: user.email, password: 'a new long password' })).status).toBe(200);
  });

  it('edits the display name, and only one\'s own', async () => {
    const user = await signUpUser(server.url, 'Old Name');
    const renamed = await user.client.patch<UserRecord>('/api/me', { name: '  New Name ' });
    expect(renamed.body.name).toBe('New Name');
    expect((await user.client.patch('/api/me', { name: '' })).status).toBe(400);
    // There is no route that names another user's account: the session decides whose it is.
    expect((await user.client.patch(`/api/users/${first.id}`, { name: 'Hijack' })).status).toBe(404);
    expect((await first.client.get<UserRecord>('/api/me')).body.name).toBe('Ana Historian');
  });

  it('treats an expired session as no session', async () => {
    const user = await signUpUser(server.url, 'Expiring');
    const token = user.client.cookie!.split('=')[1]!;
    await server.db.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE token_hash = $1", [hashSessionToken(token)]);
    expect((await user.client.get('/api/me')).status).toBe(401);
  });

  it('refuses state-changing requests from another site', async () => {
    const foreign = new ApiClient(server.url, 'https://evil.example');
    foreign.cookie = first.client.cookie;
    const response = await foreign.post('/api/groups', { name: 'Planted' });
    expect(response).toMatchObject({ status: 403, body: { error: 'foreign_origin' } });
    const crossSite = await first.client.request('POST', '/api/groups', { name: 'Planted' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const script = new ApiClient(server.url, null); // curl and scripts send no Origin
    script.cookie = first.client.cookie;
    expect((await script.post('/api/groups', { name: 'Scripted' })).status).toBe(201);
  });

  it('sets security headers with a Content-Security-Policy', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});

describe('rate limits on signing in and up', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('stops guessing one account\'s password after 10 tries, saying when to retry', async () => {
    const user = await signUpUser(server.url, 'Target');
    const attacker = new ApiClient(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await attacker.post('/api/auth/signin', { email: user.email, password: `guess number ${i}` })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    const limited = await attacker.post('/api/auth/signin', { email: user.email, password: user.password });
    expect(limited).toMatchObject({ status: 429, body: { error: 'too_many_attempts' } });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('stops one address after 30 attempts, whatever the accounts', async () => {
    const client = new ApiClient(server.url);
    let status = 0;
    let attempts = 0;
    while (status !== 429 && attempts < 40) {
      attempts += 1;
      status = (await client.post('/api/auth/signin', { email: `someone${attempts}@example.edu`, password: 'whatever it is' })).status;
    }
    // The test above made 13 attempts from this address in the same window: a sign-up, 12 sign-ins.
    expect(status).toBe(429);
    expect(attempts).toBe(30 - 13 + 1);
  });
});
