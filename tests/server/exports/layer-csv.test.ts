/**
 * A seminar's layer as a spreadsheet: the rows a real layer (written through socket.io commands)
 * exports, in reading order with printed pages, quoted as RFC 4180 wants and safe from spreadsheet
 * formulas, with nothing a member may not read in it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvField, layerCsv, layerCsvColumns } from '../../../server/exports/layer-csv.ts';
import { importedMemo } from '../../fixtures/memo.ts';
import { signUpUser, type TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, createReplyCommand, openCommands, type CommandClient } from '../../helpers/room-client.ts';
import { startSeminar } from '../../helpers/seminar.ts';
import { startTestServer, type TestServer } from '../../helpers/server.ts';

const memoId = 'frus1981-88v41-d97';

/** RFC 4180 read back: the inverse of what the export writes, to check it cell by cell. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let isQuoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (isQuoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (char === '"') isQuoted = false;
      else field += char;
    } else if (char === '"') isQuoted = true;
    else if (char === ',') row.push(field), (field = '');
    else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      (row = []), (field = ''), (i += 1);
    } else field += char;
  }
  return rows;
}

describe('a field of the CSV export', () => {
  it('is quoted when it holds a comma, a quote or a line break, and left alone otherwise', () => {
    expect(csvField('plain words')).toBe('plain words');
    expect(csvField('Shultz, Shevardnadze')).toBe('"Shultz, Shevardnadze"');
    expect(csvField('the “new” and the "old"')).toBe('"the “new” and the ""old"""');
    expect(csvField('one\ntwo')).toBe('"one\ntwo"');
    expect(csvField(288)).toBe('288');
    expect(csvField(null)).toBe('');
  });

  it('keeps a text a spreadsheet would run as a formula as text, but not a Markdown list', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvField('+1 to this')).toBe(`'+1 to this`);
    expect(csvField('@Ana what do you think')).toBe(`'@Ana what do you think`);
    expect(csvField('-2+3')).toBe(`'-2+3`);
    expect(csvField('- a list item')).toBe('- a list item');
  });
});

describe('the CSV export of a layer', () => {
  let server: TestServer;
  let ana: TestUser;
  let ben: TestUser;
  let olga: TestUser;
  let stranger: TestUser;
  let groupId: string;
  let ana$: CommandClient;
  let ben$: CommandClient;
  const ids: Record<string, string> = {};
  const text = importedMemo().text;

  async function annotate(client: CommandClient, name: string, quote: string, body: string, options: { kind?: string; tags?: string[]; groupId?: string | null } = {}) {
    const command = createAnnotationCommand({ text, quote, documentId: memoId, groupId: options.groupId === undefined ? groupId : options.groupId, body, kind: options.kind, tags: options.tags });
    ids[name] = command.annotationId;
    await client.apply(command);
  }
  async function reply(client: CommandClient, name: string, annotation: string, body: string, parent?: string) {
    const command = createReplyCommand({ annotationId: ids[annotation]!, parentId: parent ? ids[parent] : null, body });
    ids[name] = command.replyId;
    await client.apply(command);
  }

  beforeAll(async () => {
    server = await startTestServer();
    ana = await signUpUser(server.url, 'Ana Owner');
    ben = await signUpUser(server.url, 'Ben Member');
    olga = await signUpUser(server.url, 'Olga Observer');
    stranger = await signUpUser(server.url, 'Stranger');
    groupId = await startSeminar({ name: 'Moscow, 1987: a seminar', owner: ana, documentId: memoId, members: [[ben, 'member'], [olga, 'observer']] });
    [ana$, ben$] = await Promise.all([openCommands(server.url, ana), openCommands(server.url, ben)]);
    // Written out of reading order, to see the export put them back in it.
    await annotate(ben$, 'late', 'most vital thing in the world for them', 'Page 289, and a "quoted", comma-laden\nsecond line.', { kind: 'question' });
    await annotate(ana$, 'early', 'new leader', 'Gorbachev, **not** his predecessors.', { tags: ['Gorbachev', 'leadership'] });
    await annotate(ben$, 'hidden', 'Radio jamming must cease.', 'A remark the moderators hid');
    await annotate(ben$, 'private', 'Leninist dictatorship', 'Ben’s own note', { groupId: null });
    await reply(ben$, 'reply', 'early', '=1+1 is not an argument');
    await reply(ana$, 'answer', 'early', 'Agreed.', 'reply');
    await ana$.apply({ type: 'annotation.hide', commandId: randomUUID(), annotationId: ids.hidden });
  });

  afterAll(async () => {
    ana$?.close();
    ben$?.close();
    await server?.close();
  });

  const path = () => `/api/groups/${groupId}/documents/${memoId}/annotations.csv`;
  const exportAs = (user: TestUser | null) => fetch(`${server.url}${path()}`, { headers: user?.client.cookie ? { cookie: user.client.cookie } : {} });

  it('answers a UTF-8 file to save, one row per annotation or reply in reading order, with printed pages', async () => {
    const response = await exportAs(olga);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${memoId}-Moscow-1987-a-seminar.csv"`);
    const body = await response.text();
    // fetch drops the byte-order mark as it decodes UTF-8; the header row comes first.
    const [header, ...rows] = parseCsv(body.replace(/^\uFEFF/, ''));
    expect(header).toEqual([...layerCsvColumns]);
    const cell = (row: string[] | undefined, column: (typeof layerCsvColumns)[number]) => row?.[layerCsvColumns.indexOf(column)];
    expect(rows.map((row) => [cell(row, 'record'), cell(row, 'id'), cell(row, 'page')])).toEqual([
      ['annotation', ids.early, '287'],
      ['reply', ids.reply, '287'],
      ['reply', ids.answer, '287'],
      ['annotation', ids.hidden, '288'],
      ['annotation', ids.late, '289'],
    ]);
    const [early, firstReply, answer, hidden, late] = rows;
    expect(cell(early, 'tags')).toBe('Gorbachev; leadership');
    expect(cell(early, 'quote')).toBe('new leader');
    expect(cell(early, 'author')).toBe('Ana Owner');
    expect(cell(firstReply, 'body')).toBe(`'=1+1 is not an argument`);
    expect(cell(answer, 'in reply to')).toBe(ids.reply);
    expect(cell(firstReply, 'in reply to')).toBe(ids.early);
    expect(cell(late, 'body')).toBe('Page 289, and a "quoted", comma-laden\nsecond line.');
    expect(cell(late, 'kind')).toBe('question');
    expect([cell(hidden, 'hidden'), cell(hidden, 'body')]).toEqual(['yes', '']);
  });

  it('carries no hidden text and no private note, for a moderator as for anyone', async () => {
    for (const user of [ana, ben, olga]) {
      const body = await (await exportAs(user)).text();
      expect(body).not.toContain('A remark the moderators hid');
      expect(body).not.toContain('Ben’s own note');
      expect(body).not.toContain(ids.private!);
    }
  });

  it('is refused to someone outside the seminar and to nobody signed in', async () => {
    expect((await exportAs(stranger)).status).toBe(404);
    expect((await exportAs(null)).status).toBe(401);
  });
});

describe('the rows of a layer', () => {
  it('are the header alone for an empty layer', () => {
    expect(layerCsv({ annotations: [], replies: [] }, () => null)).toBe(`${layerCsvColumns.join(',')}\r\n`);
  });
});
