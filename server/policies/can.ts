/**
 * The one authorization policy. Routes, socket.io handlers and (later) the Yjs room upgrade ask it;
 * it does no I/O: callers look up the facts (the actor's role in the group, how many owners there
 * are) and pass them in the resource.
 *
 * `authorize` says not only no but why, so that every caller answers alike:
 * - `unauthenticated` (401): sign in first;
 * - `hidden` (404): the actor may not even know the thing exists (a group they are not in);
 * - `forbidden` (403): they see it but may not do this (an observer writing, a member managing).
 *
 * The instance administrator imports documents into the library; inside seminars an administrator is
 * an ordinary person: groups' discussions are their members' alone.
 */
import type { Role } from '../../shared/accounts.ts';
import type { Actor } from './actor.ts';

export type Resource =
  | { type: 'instance' }
  | { type: 'account'; userId: string }
  /** `role`: the actor's role in the group, null when not a member. */
  | { type: 'group'; role: Role | null }
  /** Another member (or the actor) of a group the actor may be in. */
  | { type: 'membership'; role: Role | null; target: { userId: string; role: Role }; ownerCount: number }
  /**
   * An annotation or reply, or (for creating) the place it would go. `role`: the actor's role in the
   * annotation's group, null for private notes or outsiders; `ownerId`: whose private notes these are.
   */
  | { type: 'annotation'; role: Role | null; ownerId: string | null; authorId: string | null }
  /** A group's tag vocabulary (docs/tags.md); `isLocked`: the owner allows no new tags from annotating. */
  | { type: 'tagVocabulary'; role: Role | null; isLocked: boolean };

export type Action =
  | 'document.read'
  | 'document.import'
  | 'group.create'
  | 'group.list'
  | 'invite.accept'
  | 'account.read'
  | 'account.update'
  | 'group.read'
  | 'group.manageInvites'
  | 'group.addDocument'
  | 'group.write'
  | 'membership.changeRole'
  | 'membership.remove'
  | AnnotationAction
  | TagAction;

/** Reading the vocabulary, adding to it by tagging, editing it (rename, merge, colour), locking it. */
export type TagAction = 'tags.read' | 'tags.add' | 'tags.manage' | 'tags.lock';

/** Reading and writing annotations and replies: what their commands are checked against. */
export type AnnotationAction =
  | 'annotation.read'
  | 'annotation.readHidden'
  | 'annotation.create'
  | 'annotation.write'
  | 'annotation.resolve'
  | 'annotation.moderate';

export type Decision = 'allow' | 'unauthenticated' | 'hidden' | 'forbidden';

const rank: Record<Role, number> = { owner: 3, moderator: 2, member: 1, observer: 0 };
const atLeast = (role: Role | null, least: Role) => role !== null && rank[role] >= rank[least];

export function authorize(actor: Actor, action: Action, resource: Resource): Decision {
  if (action === 'document.read') return 'allow'; // the library holds public sources
  if (actor.type === 'anonymous') return 'unauthenticated';

  switch (resource.type) {
    case 'instance':
      if (action === 'document.import') return actor.isAdmin ? 'allow' : 'forbidden';
      return action === 'group.create' || action === 'group.list' || action === 'invite.accept' ? 'allow' : 'forbidden';
    case 'account':
      return resource.userId === actor.id ? 'allow' : 'hidden';
    case 'group':
      return decideInGroup(resource.role, action);
    case 'membership':
      return decideOnMember(actor.id, action, resource);
    case 'annotation':
      return decideOnAnnotation(actor.id, action, resource);
    case 'tagVocabulary':
      return decideOnVocabulary(action, resource);
  }
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  return authorize(actor, action, resource) === 'allow';
}

function decideInGroup(role: Role | null, action: Action): Decision {
  if (role === null) return 'hidden';
  switch (action) {
    case 'group.read':
      return 'allow';
    case 'group.write':
      return atLeast(role, 'member') ? 'allow' : 'forbidden';
    case 'group.addDocument':
      return atLeast(role, 'moderator') ? 'allow' : 'forbidden';
    case 'group.manageInvites':
      return role === 'owner' ? 'allow' : 'forbidden';
    default:
      return 'forbidden';
  }
}

/** Owners change roles and remove members; anyone may leave; the last owner may do neither to themself. */
function decideOnMember(actorId: string, action: Action, resource: Extract<Resource, { type: 'membership' }>): Decision {
  if (resource.role === null) return 'hidden';
  const isSelf = resource.target.userId === actorId;
  const isLastOwner = resource.target.role === 'owner' && resource.ownerCount <= 1;
  if (action === 'membership.remove') {
    if (isLastOwner) return 'forbidden';
    return isSelf || resource.role === 'owner' ? 'allow' : 'forbidden';
  }
  if (action === 'membership.changeRole') {
    if (resource.role !== 'owner' || isLastOwner) return 'forbidden';
    return 'allow';
  }
  return 'forbidden';
}

/**
 * Private notes are their owner's alone. In a group: members read; members (not observers) create and
 * reply; only the author changes or deletes what they wrote; the author or a moderator resolves;
 * moderators hide. Hidden text stays readable to its author and the moderators.
 */
function decideOnAnnotation(actorId: string, action: Action, resource: Extract<Resource, { type: 'annotation' }>): Decision {
  if (resource.ownerId !== null) {
    if (resource.ownerId !== actorId) return 'hidden';
    return action === 'annotation.moderate' ? 'forbidden' : 'allow';
  }
  const { role } = resource;
  if (role === null) return 'hidden';
  const isAuthor = resource.authorId === actorId;
  switch (action) {
    case 'annotation.read':
      return 'allow';
    case 'annotation.readHidden':
      return isAuthor || atLeast(role, 'moderator') ? 'allow' : 'forbidden';
    case 'annotation.create':
      return atLeast(role, 'member') ? 'allow' : 'forbidden';
    case 'annotation.write':
      return isAuthor && atLeast(role, 'member') ? 'allow' : 'forbidden';
    case 'annotation.resolve':
      return (isAuthor && atLeast(role, 'member')) || atLeast(role, 'moderator') ? 'allow' : 'forbidden';
    case 'annotation.moderate':
      return atLeast(role, 'moderator') ? 'allow' : 'forbidden';
    default:
      return 'forbidden';
  }
}

/**
 * Everyone in the group reads the vocabulary; members add to it by tagging unless the owner locked it
 * (then it grows only by hand, and a new tag is refused even to moderators: the lock is the owner's
 * say on what the seminar tags with); moderators edit it; the owner locks it.
 */
function decideOnVocabulary(action: Action, resource: Extract<Resource, { type: 'tagVocabulary' }>): Decision {
  const { role } = resource;
  if (role === null) return 'hidden';
  switch (action) {
    case 'tags.read':
      return 'allow';
    case 'tags.add':
      return atLeast(role, 'member') && !resource.isLocked ? 'allow' : 'forbidden';
    case 'tags.manage':
      return atLeast(role, 'moderator') ? 'allow' : 'forbidden';
    case 'tags.lock':
      return role === 'owner' ? 'allow' : 'forbidden';
    default:
      return 'forbidden';
  }
}
