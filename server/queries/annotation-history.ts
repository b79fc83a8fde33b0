/**
 * An annotation's revisions: its state after each of its events (body, kind, tags, status, hidden,
 * deleted), who made the change and when, and a word diff of the body where it changed.
 */
import type { AnnotationKind, AnnotationStatus } from '../../shared/annotations.ts';
import { wordDiff } from '../../shared/word-diff.ts';
import type { Revision } from '../../shared/history.ts';
import type { Queryable } from '../db/database.ts';
import { findAnnotationRevisionEvents } from '../repos/annotation-events.ts';

export async function findRevisions(db: Queryable, annotationId: string, options: { mayReadHidden: boolean }): Promise<Revision[]> {
  const events = await findAnnotationRevisionEvents(db, annotationId);
  const revisions: Revision[] = [];
  let state = { kind: 'comment' as AnnotationKind, body: '', tags: [] as string[], status: 'open' as AnnotationStatus, isHidden: false, isDeleted: false };
  let previousBody: string | null = null;
  for (const event of events) {
    const after = event.after ?? {};
    if (event.action === 'created') state = { ...state, kind: after.kind as AnnotationKind, body: String(after.body ?? ''), tags: (after.tags as string[]) ?? [] };
    if ('kind' in after) state.kind = after.kind as AnnotationKind;
    if ('body' in after) state.body = String(after.body);
    if ('tags' in after) state.tags = after.tags as string[];
    if ('status' in after) state.status = after.status as AnnotationStatus;
    if ('isHidden' in after) state.isHidden = Boolean(after.isHidden);
    if ('deletedAt' in after) state.isDeleted = after.deletedAt !== null;
    const body = state.isHidden && !options.mayReadHidden ? null : state.body;
    revisions.push({
      n: revisions.length + 1,
      action: event.action,
      actor: { id: event.actorId, name: event.actorName },
      at: event.createdAt.toISOString(),
      ...state,
      tags: [...state.tags],
      body,
      diff: body !== null && previousBody !== null && body !== previousBody ? wordDiff(previousBody, body) : null,
      ...(typeof after.documentVersion === 'number' ? { documentVersion: after.documentVersion } : {}),
    });
    if (body !== null) previousBody = body;
  }
  return revisions;
}
