/**
 * Group commit: commands that arrive in the same tick run in one batch (command-batcher.ts). Each
 * must still fare as if it ran alone: refusals, a taken id, a retry and a mention behave as they do
 * one at a time, and the others in the batch are untouched by them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/annotations.ts';
import type { Selectors } from '../../../shared/selectors.ts';
import { commandExecutor, type ExecuteCommand } from '../../../server/commands/execute-command.ts';
import type { Notices } from '../../../server/commands/notices.ts';
import { createLogger } from '../../../server/logger.ts';
import { createRoomRegistry, type RoomRegistry } from '../../../server/rooms/room-registry.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('commands that arrive together', () => {
  let server: TestServer;
  let rooms: RoomRegistry;
  let execute: ExecuteCommand;
  let ana: TestUser;
  let ben: TestUser;
  let olga: TestUser; // observer
  let groupId: string;
  /** Every call of the board: one per committed batch. */
  const published: Notices[][] = [];
  const as = (user: TestUser) => ({ type: 'user' as const, id: user.id, isAdmin: false });
  const create = (quote: string, body = 'A comment') => createAnnotationCommand({ text, quote, groupId, documentId, body });
  const count = async (sql: string, params: unknown[]) => (await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]!.n;

  beforeAll(async () => {
    server = await startTestServer();
    await signUpUser(server.url, 'Admin');
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    olga = await signUpUser(server.url, 'Olga');
    groupId = await startSeminar({ name: 'Batches', owner: ana, documentId, members: [[ben, 'member'], [olga, 'observer']] });
    // An executor of its own, on the server's database, so that the test sees each batch's board call.
    rooms = createRoomRegistry(server.db, createLogger('silent'));
    execute = commandExecutor(server.db, rooms, { publish: (batch) => published.push(batch) });
  });
  afterAll(async () => {
    await rooms?.close();
    await server?.close();
  });

  /** Sends every command in the same tick, as a lecture hall's sockets do, and waits for all answers. */
  async function together(sends: [TestUser, Record<string, unknown>][]): Promise<CommandResult[]> {
    published.length = 0;
    return Promise.all(sends.map(([user, command]) => execute(as(user), command)));
  }

  it('commits them together and announces them as one batch', async () => {
    const commands = [create('new leadership'), create('Radio jamming must cease'), create('November 1986 to host')];
    const results = await together([[ana, commands[0]!], [ben, commands[1]!], [ana, commands[2]!]]);
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(published).toHaveLength(1);
    expect(published[0]!.map((notices) => notices.activity?.annotationId)).toEqual(commands.map((command) => command.annotationId));
    const ids = commands.map((command) => command.annotationId);
    expect(await count("annotation_events WHERE action = 'created' AND annotation_id = ANY($1)", [ids])).toBe(3);
    expect(await count('applied_commands WHERE command_id = ANY($1)', [commands.map((command) => command.commandId)])).toBe(3);
  });

  it('refuses a command among them without touching the others', async () => {
    const good = [create('human rights', 'First'), create('Leninist dictatorship', 'Second')];
    const observers = create('Moscow', 'An observer may not write');
    const moscow = create('Moscow', 'Misquoted') as ReturnType<typeof create> & { selectors: Selectors };
    // Well formed, but not what the text says there: only the document can refuse it.
    const misquoted = { ...moscow, selectors: { ...moscow.selectors, quote: { ...moscow.selectors.quote, exact: 'Mascow' } } };
    const results = await together([[ana, good[0]!], [olga, observers], [ben, misquoted], [ben, good[1]!]]);
    expect(results.map((result) => (result.ok ? 'ok' : result.status))).toEqual(['ok', 403, 422, 'ok']);
    expect(await count('annotations WHERE id = ANY($1)', [[observers.annotationId, misquoted.annotationId]])).toBe(0);
    expect(await count('applied_commands WHERE command_id = ANY($1)', [[observers.commandId, misquoted.commandId]])).toBe(0);
    expect((await server.db.query<{ body: string }>('SELECT body FROM annotations WHERE id = ANY($1) ORDER BY body', [good.map((c) => c.annotationId)])).rows).toEqual([
      { body: 'First' },
      { body: 'Second' },
    ]);
    const announced = published[0]!.flatMap((notices) => (notices.activity ? [notices.activity.annotationId] : []));
    expect(announced).toEqual(good.map((command) => command.annotationId));
  });

  it('gives a record id taken twice to the first command only', async () => {
    const first = create('conference', 'Mine');
    const thief = { ...create('conference', 'Also mine'), annotationId: first.annotationId };
    const bystander = create('Helsinki', 'Unrelated');
    const results = await together([[ana, first], [ben, thief], [ben, bystander]]);
    expect(results.map((result) => (result.ok ? 'ok' : result.status))).toEqual(['ok', 409, 'ok']);
    const rows = await server.db.query<{ body: string; author_id: string }>('SELECT body, author_id FROM annotations WHERE id = $1', [first.annotationId]);
    expect(rows.rows).toEqual([{ body: 'Mine', author_id: ana.id }]);
    expect(await count('annotation_events WHERE annotation_id = $1', [first.annotationId])).toBe(1);
  });

  it('applies a command sent twice in one batch once, and answers both the same', async () => {
    const command = create('political prisoners', 'Twice');
    const [one, two] = await together([[ben, command], [ben, command]]);
    expect(one).toMatchObject({ ok: true });
    expect(two).toEqual(one);
    expect(await count('annotations WHERE id = $1', [command.annotationId])).toBe(1);
    expect(await count('annotation_events WHERE annotation_id = $1', [command.annotationId])).toBe(1);
  });

  it('applies a create and the commands that build on it in the order they came', async () => {
    const question = create('humanitarian cooperation', 'Will they come?');
    const replyId = randomUUID();
    const results = await together([
      [ana, question],
      [ben, { type: 'reply.create', commandId: randomUUID(), replyId, annotationId: question.annotationId, parentId: null, body: 'Some will.' }],
      [ana, { type: 'annotation.edit', commandId: randomUUID(), annotationId: question.annotationId, body: 'Will the West come?' }],
      [ana, { type: 'annotation.resolve', commandId: randomUUID(), annotationId: question.annotationId }],
    ]);
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true]);
    const events = await server.db.query<{ action: string }>('SELECT action FROM annotation_events WHERE annotation_id = $1 ORDER BY id', [question.annotationId]);
    expect(events.rows.map((row) => row.action)).toEqual(['created', 'created', 'edited', 'resolved']);
    const room = await server.db.query<{ body: string; status: string }>('SELECT body, status FROM annotations WHERE id = $1', [question.annotationId]);
    expect(room.rows).toEqual([{ body: 'Will the West come?', status: 'resolved' }]);
  });

  it('writes the notification of a mention with the create that makes it', async () => {
    const mention = create('Gorbachev', `Ask [@Ben](mention:${ben.id}) about this.`);
    const plain = create('dissidents', 'No one named');
    const results = await together([[ana, mention], [ana, plain]]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    const rows = await server.db.query<{ kind: string; annotation_id: string }>('SELECT kind, annotation_id FROM notifications WHERE user_id = $1', [ben.id]);
    expect(rows.rows).toEqual([{ kind: 'mention', annotation_id: mention.annotationId }]);
    expect(published[0]!.flatMap((notices) => notices.notifications.map((notification) => notification.userId))).toEqual([ben.id]);
  });
});
