/**
 * The commentary as Markdown and printable HTML: written through a real y-websocket provider, with
 * passage citations and references to annotations (one standing, one hidden by a moderator, one
 * deleted); each export resolves them, escapes what was typed, and keeps only safe links.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { importedMemo } from '../../fixtures/memo.ts';
import type { TestUser } from '../../helpers/http-client.ts';
import { createAnnotationCommand, openCommands, openRoom, type RoomClient } from '../../helpers/room-client.ts';
import type { TestServer } from '../../helpers/server.ts';
import { addPassageCitation, fragmentOf, startCommentarySeminar } from './commentary-helpers.ts';

const documentId = 'frus1981-88v41-d97';
const text = importedMemo().text;

describe('exports of the commentary', () => {
  let server: TestServer;
  let ana: TestUser; // owner
  let ben: TestUser; // member
  let olga: TestUser; // observer
  let stranger: TestUser;
  let groupId: string;
  let writer: RoomClient;

  beforeAll(async () => {
    ({ server, owner: ana, member: ben, observer: olga, stranger, groupId } = await startCommentarySeminar('Exports', ['Ana Owner', 'Ben Member', 'Olga', 'Stranger']));

    const commands = await openCommands(server.url, ben);
    const annotate = async (quote: string, body: string) => {
      const command = createAnnotationCommand({ text, quote, groupId, documentId, body });
      await commands.apply(command);
      return command.annotationId;
    };
    const standing = await annotate('new leadership', 'Gorbachev took office in March 1985, a year and a half before this memo was written.');
    const hidden = await annotate('Radio jamming must cease', 'Something a moderator hid.');
    const deleted = await annotate('Emigration must be freed up', 'Withdrawn by its author.');
    await commands.apply({ type: 'annotation.delete', commandId: randomUUID(), annotationId: deleted });
    const moderation = await openCommands(server.url, ana);
    await moderation.apply({ type: 'annotation.hide', commandId: randomUUID(), annotationId: hidden });
    commands.close();
    moderation.close();

    writer = openRoom(server.url, ana, `commentary/${groupId}/${documentId}`);
    await writer.until((room) => room.provider.synced);
    const doc = writer.doc;
    doc.transact(() => {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 2 as unknown as string);
      heading.insert(0, [new Y.XmlText('Reading the *memo* <b>')]);
      const paragraph = new Y.XmlElement('paragraph');
      const words = new Y.XmlText();
      // Attributes given on every run: a run without them would take the formatting on its left.
      const runs: [string, object][] = [
        ['Shultz ', {}],
        ['hesitates', { em: true }],
        [' — see ', {}],
        ['the volume', { link: { href: 'https://history.state.gov/' } }],
        [' and ', {}],
        ['this', { link: { href: 'javascript:alert(1)' } }],
        ['. ', {}],
      ];
      let at = 0; // the text is not in a doc yet: its length reads 0 until then
      for (const [run, attributes] of runs) {
        words.insert(at, run, attributes);
        at += run.length;
      }
      const reference = (annotationId: string) => {
        const element = new Y.XmlElement('annotation_ref');
        element.setAttribute('annotationId', annotationId);
        return element;
      };
      paragraph.insert(0, [words, reference(standing), reference(hidden), reference(deleted)]);
      fragmentOf(doc).push([heading, paragraph]);
      addPassageCitation(doc, text, 'new leadership', 287);
    });
    // Stored once another reader has it.
    const reader = openRoom(server.url, olga, `commentary/${groupId}/${documentId}`);
    await reader.until(() => fragmentOf(reader.doc).length === 3, 'the notebook');
    reader.destroy();
  });
  afterAll(async () => {
    writer?.destroy();
    await server?.close();
  });

  it('writes Markdown with the citations resolved and the typed markup escaped', async () => {
    const response = await fetch(`${server.url}/api/groups/${groupId}/documents/${documentId}/commentary.md`, { headers: { cookie: olga.client.cookie! } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = await response.text();
    expect(markdown).toContain('## Reading the \\*memo\\* \\<b\\>');
    expect(markdown).toContain('Shultz *hesitates* — see [the volume](https://history.state.gov/) and this. ');
    expect(markdown).toContain('[Ben Member: “Gorbachev took office in March 1985, a year and a half before…”]');
    expect(markdown).toContain('[an annotation hidden by a moderator]');
    expect(markdown).toContain('[an annotation since deleted]');
    expect(markdown).not.toContain('Something a moderator hid');
    expect(markdown).toMatch(/> “new leadership”\n>\n> — Foreign Relations of the United States.*, p\. 287/);
  });

  it('writes a printable HTML page, escaped, with the same resolutions', async () => {
    const response = await fetch(`${server.url}/api/groups/${groupId}/documents/${documentId}/commentary.html`, { headers: { cookie: ben.client.cookie! } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h3>Reading the *memo* &#60;b&#62;</h3>');
    expect(html).toContain('<em>hesitates</em>');
    expect(html).toContain('<a href="https://history.state.gov/">the volume</a>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('Ben Member: “Gorbachev took office');
    expect(html).toContain('[an annotation hidden by a moderator]');
    expect(html).toContain('<figure class="citation"><blockquote>“new leadership”</blockquote>');
    expect(html).toContain('@media print');
  });

  it('is for the group alone', async () => {
    for (const extension of ['md', 'html']) {
      const url = `${server.url}/api/groups/${groupId}/documents/${documentId}/commentary.${extension}`;
      expect((await fetch(url, { headers: { cookie: stranger.client.cookie! } })).status).toBe(404);
      expect((await fetch(url)).status).toBe(401);
    }
  });
});
