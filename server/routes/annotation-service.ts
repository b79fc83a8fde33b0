/**
 * The Web Annotation Protocol server (https://www.w3.org/TR/annotation-protocol/, docs/w3c.md):
 * each seminar's layer on a document is an LDP basic container at
 * /api/groups/:id/documents/:documentId/annotations/ whose members are its annotations and replies.
 *
 * - Reading (GET, HEAD, OPTIONS) is for everyone in the group, as the layer is; writing (POST, PUT,
 *   DELETE) goes through the command path (`execute`) with the same policy as the socket: members
 *   write, observers only read, only the author edits or deletes. Every write is durable and shown in
 *   the room (so in every open browser) before the answer.
 * - What is served is what the export serves (layerItems): the room's layer, no hidden body for
 *   anyone, never a private note.
 *
 * The router is strict about trailing slashes, and mounted before our own JSON at …/annotations.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Command } from '../../shared/annotations.ts';
import { containerQuerySchema, postedAnnotationSchema } from '../../shared/w3c-annotation.ts';
import type { ExecuteCommand } from '../commands/execute-command.ts';
import type { Database } from '../db/database.ts';
import { HttpError, annotationGone, annotationNotFound, badRequest, notFound } from '../errors.ts';
import type { Actor } from '../policies/actor.ts';
import { authorize } from '../policies/can.ts';
import { findAnnotation } from '../repos/annotations.ts';
import { isDocumentInGroup } from '../repos/group-documents.ts';
import { findRole } from '../repos/groups.ts';
import { findReply } from '../repos/replies.ts';
import { layerItems, layerLabel } from '../w3c/annotation-collection.ts';
import { irisUnder } from '../w3c/iris.ts';
import { annotationMediaType, type WebAnnotation } from '../w3c/model.ts';
import { container, containerPage, containerPreference } from '../w3c/protocol-container.ts';
import { checkIfMatch, etagOf, representationOf, requireJsonBody, sendRepresentation } from '../w3c/protocol-http.ts';
import { serially } from '../w3c/protocol-serial.ts';
import { planProtocolWrite, replacementCommands, type CurrentItem } from '../w3c/protocol-writes.ts';
import { findGroupLayer } from './group-document.ts';
import { parseBody, uuidParam } from './parse.ts';

const containerRoute = '/groups/:id/documents/:documentId/annotations/';
const memberRoute = '/groups/:id/documents/:documentId/annotations/:annotationId';

const containerHeaders = {
  Link: '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", <http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"',
  Allow: 'GET, HEAD, OPTIONS, POST',
  'Accept-Post': annotationMediaType,
  Vary: 'Accept, Prefer',
};

const memberHeaders = (iri: string) => ({
  Link: '<http://www.w3.org/ns/ldp#Resource>; rel="type", <http://www.w3.org/ns/oa#Annotation>; rel="type"',
  Allow: 'GET, HEAD, OPTIONS, PUT, DELETE',
  Vary: 'Accept',
  'Content-Location': iri,
});

type UserActor = Extract<Actor, { type: 'user' }>;
type LayerRequest = Request<{ id: string; documentId: string; annotationId?: string }>;
type FoundLayer = Awaited<ReturnType<typeof findGroupLayer>>;

const originOf = (req: Request) => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

export function annotationServiceRouter(db: Database, execute: ExecuteCommand): Router {
  const router = Router({ strict: true });
  // JSON-LD bodies (plain JSON is read by the API's own parser); one annotation is small.
  const jsonLd = express.json({ limit: '256kb', type: 'application/ld+json' });

  /** The layer as the container serves it, for someone the group lets do `action`. */
  async function containerOf(req: LayerRequest, action: 'group.read' | 'group.write' = 'group.read') {
    const found = await findGroupLayer(db, req, action);
    const { group, document } = found;
    const iris = irisUnder(originOf(req), { groupId: group.id, documentId: document.id });
    const exported = { id: document.id, version: document.version, title: document.title, text: document.text };
    const items = layerItems({ iris, group, document: exported, layer: found.layer, vias: found.vias });
    return { ...found, iris, items, label: layerLabel(group, document) };
  }

  type Container = Awaited<ReturnType<typeof containerOf>>;

  /** The member `id` as served; 410 once deleted (even while its placeholder stays for its replies), else 404. */
  async function memberOf(found: Container, id: string): Promise<WebAnnotation> {
    const record = found.layer.annotations.find((annotation) => annotation.id === id) ?? found.layer.replies.find((reply) => reply.id === id);
    if (record && !record.isDeleted) return found.items.find((item) => item.id === found.iris.annotation(id))!;
    if (record || (await wasDeletedFrom(found, id))) throw annotationGone();
    throw annotationNotFound();
  }

  /** Whether `id` was an annotation or reply of this layer that is now deleted and gone from it. */
  async function wasDeletedFrom(found: FoundLayer, id: string): Promise<boolean> {
    const inLayer = (annotation: { groupId: string | null; documentId: string } | null) => annotation?.groupId === found.group.id && annotation.documentId === found.document.id;
    const annotation = await findAnnotation(db, id);
    if (annotation) return annotation.deletedAt !== null && inLayer(annotation);
    const reply = await findReply(db, id);
    return reply !== null && reply.deletedAt !== null && inLayer(await findAnnotation(db, reply.annotationId));
  }

  /** Runs a command as the actor; a refusal answers with the command's status and message. */
  async function run(actor: UserActor, command: Command): Promise<void> {
    const result = await execute(actor, command);
    if (!result.ok) throw new HttpError(result.status, result.error, result.message);
  }

  /** Answers the member `id` as it now stands, with `status`. */
  async function answerMember(req: LayerRequest, res: Response, id: string, status: number, extra: Record<string, string> = {}) {
    const item = await memberOf(await containerOf(req), id);
    res.status(status);
    sendRepresentation(req, res, item, { ...memberHeaders(item.id), ...extra });
  }

  /** Our id → the annotation whose thread it is in, for replies' targets. */
  const threadsOf = (found: FoundLayer) =>
    new Map<string, string>([
      ...found.layer.annotations.filter((annotation) => !annotation.isDeleted).map((annotation): [string, string] => [annotation.id, annotation.id]),
      ...found.layer.replies.filter((reply) => !reply.isDeleted).map((reply): [string, string] => [reply.id, reply.annotationId]),
    ]);

  router.get(containerRoute, async (req, res) => {
    const found = await containerOf(req);
    const query = parseBody(containerQuerySchema, req.query);
    if (query.page !== undefined) {
      const page = containerPage(found, query.page, { iris: query.iris === '1' });
      if (!page) throw notFound(`Page ${query.page} of this container`);
      sendRepresentation(req, res, page, { ...containerHeaders, 'Content-Location': page.id });
      return;
    }
    const preference = containerPreference(req.get('prefer'));
    sendRepresentation(req, res, container(found, preference.view), {
      ...containerHeaders,
      'Content-Location': found.iris.container,
      ...(preference.isApplied ? { 'Preference-Applied': 'return=representation' } : {}),
    });
  });

  router.options(containerRoute, async (req, res) => {
    await findGroupLayer(db, req);
    res.set(containerHeaders).status(204).end();
  });

  router.post(containerRoute, jsonLd, async (req, res) => {
    const found = await containerOf(req, 'group.write');
    requireJsonBody(req);
    const posted = parseBody(postedAnnotationSchema, req.body);
    const { group, document } = found;
    const write = planProtocolWrite(posted, { groupId: group.id, documentId: document.id, text: document.text }, found.iris, { threadOf: threadsOf(found) });
    const id = randomUUID();
    const via = posted.id === undefined ? {} : { via: posted.id };
    await run(
      found.actor,
      write.type === 'annotation'
        ? { type: 'annotation.create', commandId: randomUUID(), annotationId: id, target: { type: 'group', groupId: group.id }, documentId: document.id, kind: write.kind, selectors: write.selectors, body: write.body, tags: write.tags, ...via }
        : { type: 'reply.create', commandId: randomUUID(), replyId: id, annotationId: write.annotationId, parentId: write.parentId, body: write.body, ...via },
    );
    await answerMember(req, res, id, 201, { Location: found.iris.annotation(id) });
  });

  router.get(memberRoute, async (req, res) => {
    const found = await containerOf(req);
    const item = await memberOf(found, uuidParam(req.params.annotationId, 'The annotation'));
    sendRepresentation(req, res, item, memberHeaders(item.id));
  });

  router.options(memberRoute, async (req, res) => {
    const found = await containerOf(req);
    const item = await memberOf(found, uuidParam(req.params.annotationId, 'The annotation'));
    res.set(memberHeaders(item.id)).status(204).end();
  });

  router.put(memberRoute, jsonLd, async (req, res) => {
    await serially(req.params.annotationId, async () => {
      const found = await containerOf(req, 'group.write');
      const id = uuidParam(req.params.annotationId, 'The annotation');
      const item = await memberOf(found, id);
      checkIfMatch(req, etagOf(representationOf(item)), { required: true });
      requireJsonBody(req);
      const posted = parseBody(postedAnnotationSchema, req.body);
      const current = await currentItem(id);
      if (posted.id !== undefined && posted.id !== item.id && posted.id !== item.via) {
        throw badRequest(`This annotation is ${item.id}: a PUT replaces it and cannot give it another id`);
      }
      const { group, document } = found;
      const write = planProtocolWrite(posted, { groupId: group.id, documentId: document.id, text: document.text }, found.iris, { threadOf: threadsOf(found) });
      for (const command of replacementCommands(current, write, randomUUID)) await run(found.actor, command);
      await answerMember(req, res, id, 200);
    });
  });

  router.delete(memberRoute, async (req, res) => {
    await serially(req.params.annotationId, async () => {
      const found = await containerOf(req, 'group.write');
      const id = uuidParam(req.params.annotationId, 'The annotation');
      const item = await memberOf(found, id);
      checkIfMatch(req, etagOf(representationOf(item)), { required: false });
      const current = await currentItem(id);
      await run(found.actor, current.type === 'annotation' ? { type: 'annotation.delete', commandId: randomUUID(), annotationId: id } : { type: 'reply.delete', commandId: randomUUID(), replyId: id });
      res.status(204).end();
    });
  });

  /** The row behind a live member, as a PUT replaces it (its real words, even when hidden from the room). */
  async function currentItem(id: string): Promise<CurrentItem> {
    const annotation = await findAnnotation(db, id);
    if (annotation) {
      const { kind, body, tags, selectors, isHidden } = annotation;
      return { type: 'annotation', id, kind, body, tags, selectors, isHidden };
    }
    const reply = await findReply(db, id);
    if (!reply) throw annotationNotFound();
    return { type: 'reply', id, annotationId: reply.annotationId, parentId: reply.parentId, body: reply.body, isHidden: reply.isHidden };
  }

  return router;
}

/**
 * Discovery (Protocol 4.1): the document's answer names the container of `?group=` in a Link header,
 * when the asker may read that group's layer and the group reads the document; otherwise nothing
 * (the document itself is public and answers the same).
 */
export async function annotationServiceLink(db: Database, req: Request, documentId: string): Promise<string | null> {
  const groupId = typeof req.query.group === 'string' ? req.query.group : null;
  if (req.actor.type !== 'user' || groupId === null || !z.uuid().safeParse(groupId).success) return null;
  const [role, isRead] = await Promise.all([findRole(db, groupId, req.actor.id), isDocumentInGroup(db, groupId, documentId)]);
  if (authorize(req.actor, 'group.read', { type: 'group', role }) !== 'allow' || !isRead) return null;
  return `<${irisUnder(originOf(req), { groupId, documentId }).container}>; rel="http://www.w3.org/ns/oa#annotationService"`;
}
