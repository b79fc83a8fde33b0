/**
 * A group's commentary on a document, over HTTP: its named versions, and its exports (Markdown and
 * printable HTML, citations resolved). Members (and up) save and restore versions; observers read,
 * compare and export; anyone outside the group learns nothing (404). The notebook itself is written
 * through its room (server/rooms/, docs/commentary.md).
 */
import { Router, type Request } from 'express';
import { commentaryLimits, saveCommentaryVersionSchema, type CommentaryVersionRecord, type CommentaryVersionSummary } from '../../shared/commentary.ts';
import type { Database } from '../db/database.ts';
import { commandConflict, notFound } from '../errors.ts';
import type { CommentaryRoomKey } from '../repos/commentary.ts';
import { countCommentaryVersions, findCommentaryVersion, findCommentaryVersions } from '../repos/commentary-versions.ts';
import { authorizeGroupDocument } from './group-document.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { compareWithNow, contentOf, currentCommentaryState, presentCommentaryVersion, restoreCommentaryVersion, saveCommentaryVersion } from '../commentary/commentary-versions.ts';
import { commentaryHtml, commentaryMarkdown } from '../commentary/commentary-export.ts';
import { findExportContext } from '../commentary/commentary-files.ts';
import { parseBody, uuidParam } from './parse.ts';

const base = '/groups/:id/documents/:documentId/commentary/versions';

export function commentaryRouter(db: Database, rooms: RoomRegistry): Router {
  const router = Router();

  /** The commentary the request names, when the asker may read it (`write`: and write it). */
  async function commentaryOf(req: Request, access: 'read' | 'write'): Promise<CommentaryRoomKey & { actorId: string }> {
    const { actor, groupId, documentId } = await authorizeGroupDocument(db, req, access === 'read' ? 'group.read' : 'group.write');
    return { groupId, documentId, actorId: actor.id };
  }

  async function versionOf(req: Request, key: CommentaryRoomKey) {
    const version = await findCommentaryVersion(db, key, uuidParam(String(req.params.versionId), 'The version'));
    if (!version) throw notFound('The version');
    return version;
  }

  router.get(base, async (req, res) => {
    const key = await commentaryOf(req, 'read');
    const body: CommentaryVersionSummary[] = (await findCommentaryVersions(db, key)).map(presentCommentaryVersion);
    res.json(body);
  });

  router.post(base, async (req, res) => {
    const key = await commentaryOf(req, 'write');
    const { name } = parseBody(saveCommentaryVersionSchema, req.body);
    // Each version is the whole notebook: a bound keeps one member from filling the disk.
    if ((await countCommentaryVersions(db, key)) >= commentaryLimits.versions) {
      throw commandConflict(`A commentary keeps at most ${commentaryLimits.versions} named versions`);
    }
    res.status(201).json(await saveCommentaryVersion(db, rooms, key, name, key.actorId));
  });

  router.get(`${base}/:versionId`, async (req, res) => {
    const key = await commentaryOf(req, 'read');
    const version = await versionOf(req, key);
    const body: CommentaryVersionRecord = { ...presentCommentaryVersion(version), content: contentOf(version.state) };
    res.json(body);
  });

  router.get(`${base}/:versionId/compare`, async (req, res) => {
    const key = await commentaryOf(req, 'read');
    res.json(await compareWithNow(rooms, key, await versionOf(req, key)));
  });

  router.post(`${base}/:versionId/restore`, async (req, res) => {
    const key = await commentaryOf(req, 'write');
    const version = await versionOf(req, key);
    const content = await restoreCommentaryVersion(rooms, key, version.state, key.actorId);
    res.json({ version: presentCommentaryVersion(version), content });
  });

  // Files a browser saves: the names keep them apart from the JSON routes, as for the layer's files.
  router.get('/groups/:id/documents/:documentId/commentary.md', async (req, res) => {
    const key = await commentaryOf(req, 'read');
    const content = contentOf(await currentCommentaryState(rooms, key));
    res.type('text/markdown; charset=utf-8').attachment(`commentary-${key.documentId}.md`);
    res.send(commentaryMarkdown(content, await findExportContext(db, key)));
  });

  router.get('/groups/:id/documents/:documentId/commentary.html', async (req, res) => {
    const key = await commentaryOf(req, 'read');
    const content = contentOf(await currentCommentaryState(rooms, key));
    res.type('text/html; charset=utf-8');
    res.send(commentaryHtml(content, await findExportContext(db, key)));
  });

  return router;
}
