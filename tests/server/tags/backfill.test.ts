/** The migration that brings the vocabulary: the tags already in use join their seminar's vocabulary. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../../shared/annotations.ts';
import { migrationsDir } from '../../../server/db/migrate.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('migration 0007: the vocabulary of the tags in use', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let groupId: string;
  let otherGroupId: string;
  const annotate = async (user: TestUser, group: string, tags: string[]) => {
    const command = createAnnotationCommand({ text, groupId: group, documentId, quote: 'new leadership', tags });
    const result = await user.client.post<CommandResult>('/api/commands', command);
    if (!result.body.ok) throw new Error(result.body.message);
    return command.annotationId;
  };

  beforeAll(async () => {
    server = await startTestServer();
    await signUpUser(server.url, 'Admin');
    ana = await signUpUser(server.url, 'Ana');
    ben = await signUpUser(server.url, 'Ben');
    groupId = await startSeminar({ name: 'Before the vocabulary', owner: ana, documentId, members: [[ben, 'member']] });
    otherGroupId = await startSeminar({ name: 'Another', owner: ben, documentId });
  });
  afterAll(() => server?.close());

  it('takes each seminar’s tags of live annotations, first spelling first, with a palette colour', async () => {
    await annotate(ben, groupId, ['Helsinki', 'leadership']);
    await annotate(ana, groupId, ['leadership']);
    const gone = await annotate(ana, groupId, ['withdrawn']);
    await ana.client.post('/api/commands', { type: 'annotation.delete', commandId: crypto.randomUUID(), annotationId: gone });
    await annotate(ben, otherGroupId, ['Helsinki']);
    // The database as it stood before the migration, with tags written as they were then (any case).
    await server.db.exec(`
      DROP TABLE group_tags; DROP FUNCTION marginalia_tag_colour(text); ALTER TABLE groups DROP COLUMN tags_locked;
      DELETE FROM schema_migrations WHERE name = '0007_tag_vocabulary.sql';`);
    await server.db.query("UPDATE annotations SET tags = '{LEADERSHIP}' WHERE author_id = $1 AND group_id = $2 AND tags = '{leadership}'", [ana.id, groupId]);

    await server.db.transaction((tx) => readFile(path.join(migrationsDir, '0007_tag_vocabulary.sql'), 'utf8').then((sql) => tx.exec(sql)));

    const { rows } = await server.db.query<{ group_id: string; name: string; colour: string; created_by: string }>(
      'SELECT group_id, name, colour, created_by FROM group_tags ORDER BY group_id = $1 DESC, lower(name)',
      [groupId],
    );
    expect(rows.map(({ group_id, name, created_by }) => [group_id, name, created_by])).toEqual([
      [groupId, 'Helsinki', ben.id],
      [groupId, 'leadership', ben.id],
      [otherGroupId, 'Helsinki', ben.id],
    ]);
    for (const row of rows) expect(row.colour).toMatch(/^#[0-9a-f]{6}$/);
    // The same name gets the same colour in every seminar.
    expect(rows[0]!.colour).toBe(rows[2]!.colour);
    const locked = await server.db.query<{ tags_locked: boolean }>('SELECT tags_locked FROM groups WHERE id = $1', [groupId]);
    expect(locked.rows).toEqual([{ tags_locked: false }]);
  });
});
