/**
 * A seminar's tag vocabulary: /api/groups/:id/tags and its usage. Members and observers read it;
 * moderators and the owner edit it; the owner locks it (docs/tags.md). After a change commits, the
 * rewritten annotations reach the open rooms and the new vocabulary the group's sockets.
 */
import { Router, type Request } from 'express';
import { createTagSchema, mergeTagSchema, updateTagSchema, vocabularySettingsSchema, type TagUsage, type TagVocabulary } from '../../shared/tags.ts';
import type { Database } from '../db/database.ts';
import { checkVocabulary, createTag, deleteTag, lockVocabulary, mergeTag, readVocabulary, updateTag, type VocabularyOutcome } from '../commands/tag-vocabulary.ts';
import { presentTag, presentUsage, presentVocabulary } from '../presenters/tags.ts';
import type { Realtime } from '../realtime/socket-server.ts';
import { findTagUsage, type VocabularyRows } from '../repos/group-tags.ts';
import type { RoomRegistry } from '../rooms/room-registry.ts';
import { parseBody, requireUser, uuidParam } from './parse.ts';

const groupId = (req: Request) => uuidParam(req.params.id as string | undefined, 'The seminar');
const tagId = (req: Request) => uuidParam(req.params.tagId as string | undefined, 'The tag');

export function tagsRouter(db: Database, realtime: Realtime, rooms: RoomRegistry): Router {
  const router = Router();

  /** Tells the group what changed, after the commit: the annotations' rooms, then the vocabulary. */
  async function announce(id: string, vocabulary: VocabularyRows, changes: VocabularyOutcome['changes'] = []): Promise<TagVocabulary> {
    await rooms.apply(changes);
    const presented = presentVocabulary(id, vocabulary);
    realtime.tagsChanged(presented);
    return presented;
  }

  router.get('/groups/:id/tags', async (req, res) => {
    const id = groupId(req);
    res.json(presentVocabulary(id, await readVocabulary(db, requireUser(req), id)) satisfies TagVocabulary);
  });

  router.get('/groups/:id/tags/usage', async (req, res) => {
    const id = groupId(req);
    const vocabulary = await checkVocabulary(db, requireUser(req), id, 'tags.read');
    res.json(presentUsage(vocabulary.tags, await findTagUsage(db, id)) satisfies TagUsage[]);
  });

  router.patch('/groups/:id/tags', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const { isLocked } = parseBody(vocabularySettingsSchema, req.body);
    res.json(await announce(id, await lockVocabulary(db, actor, id, isLocked)));
  });

  router.post('/groups/:id/tags', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const input = parseBody(createTagSchema, req.body);
    const { tag, vocabulary } = await createTag(db, actor, id, input);
    await announce(id, vocabulary);
    res.status(201).json(presentTag(tag));
  });

  router.patch('/groups/:id/tags/:tagId', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const input = parseBody(updateTagSchema, req.body);
    const outcome = await updateTag(db, actor, id, tagId(req), input);
    res.json(await announce(id, outcome.vocabulary, outcome.changes));
  });

  router.post('/groups/:id/tags/:tagId/merge', async (req, res) => {
    const actor = requireUser(req);
    const id = groupId(req);
    const { into } = parseBody(mergeTagSchema, req.body);
    const outcome = await mergeTag(db, actor, id, tagId(req), into);
    res.json(await announce(id, outcome.vocabulary, outcome.changes));
  });

  router.delete('/groups/:id/tags/:tagId', async (req, res) => {
    const id = groupId(req);
    const outcome = await deleteTag(db, requireUser(req), id, tagId(req));
    res.json(await announce(id, outcome.vocabulary, outcome.changes));
  });

  return router;
}
