import { afterEach, describe, expect, it } from 'vitest';
import type { GroupRecord, GroupSummary } from '../../shared/accounts.ts';
import type { AnnotationRecord, ReplyRecord } from '../../shared/annotations.ts';
import { loadConfig } from '../../server/config.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { ApiClient, signUpUser } from '../helpers/http-client.ts';

describe('the demo seminar’s example discussion', () => {
  let server: TestServer | undefined;
  afterEach(() => server?.close());

  it('shows a newcomer every kind of annotation, replies, tags and an edit, by marked example accounts', async () => {
    server = await startTestServer({ withDemoDiscussion: true });
    const owner = await signUpUser(server.url, 'First Historian');
    const [demo] = (await owner.client.get<GroupSummary[]>('/api/groups')).body;
    const group = (await owner.client.get<GroupRecord>(`/api/groups/${demo!.id}`)).body;
    expect(group.members.map((member) => [member.name, member.role])).toEqual([
      ['First Historian', 'owner'],
      ['Ana Ramos (example)', 'member'],
      ['Ben Okafor (example)', 'member'],
    ]);
    const layer = await owner.client.get<{ annotations: AnnotationRecord[]; replies: ReplyRecord[] }>(
      `/api/groups/${demo!.id}/documents/frus1981-88v41-d97/annotations`,
    );
    expect(new Set(layer.body.annotations.map((annotation) => annotation.kind))).toEqual(new Set(['comment', 'question', 'correction', 'highlight']));
    expect(layer.body.replies.length).toBeGreaterThanOrEqual(3);
    expect(layer.body.replies.some((reply) => reply.parentId !== null)).toBe(true);
    expect(layer.body.annotations.some((annotation) => annotation.status === 'resolved')).toBe(true);
    expect(layer.body.annotations.every((annotation) => annotation.tags.length > 0)).toBe(true);
    const edits = await server.db.query("SELECT count(*)::int AS n FROM annotation_events WHERE action = 'edited'");
    expect(edits.rows).toEqual([{ n: 1 }]);
    // Nobody can sign in as an example account.
    const attempt = await new ApiClient(server.url).post('/api/auth/signin', { email: 'example-ana@example.invalid', password: '' });
    expect(attempt.status).toBe(401);
  });

  it('is left out with MARGINALIA_DEMO=0', async () => {
    expect(loadConfig({ MARGINALIA_DEMO: '0' }).withDemoDiscussion).toBe(false);
    expect(loadConfig({}).withDemoDiscussion).toBe(true);
    server = await startTestServer({ withDemoDiscussion: false });
    const rows = await server.db.query('SELECT count(*)::int AS n FROM annotations');
    expect(rows.rows).toEqual([{ n: 0 }]);
  });
});
