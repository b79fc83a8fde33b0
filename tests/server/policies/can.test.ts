import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../../../shared/accounts.ts';
import { anonymous, type Actor } from '../../../server/policies/actor.ts';
import { authorize, can, type Action } from '../../../server/policies/can.ts';

const me: Actor = { type: 'user', id: 'me', isAdmin: false };
const admin: Actor = { type: 'user', id: 'admin', isAdmin: true };

describe('can(user, action, resource)', () => {
  it('lets anyone read the library and only the administrator import into it', () => {
    expect(can(anonymous, 'document.read', { type: 'instance' })).toBe(true);
    expect(authorize(anonymous, 'document.import', { type: 'instance' })).toBe('unauthenticated');
    expect(authorize(me, 'document.import', { type: 'instance' })).toBe('forbidden');
    expect(can(admin, 'document.import', { type: 'instance' })).toBe(true);
  });

  it('hides a group from those outside it, administrators included', () => {
    for (const actor of [me, admin]) {
      for (const action of ['group.read', 'group.write', 'group.manageInvites', 'group.addDocument'] satisfies Action[]) {
        expect(authorize(actor, action, { type: 'group', role: null })).toBe('hidden');
      }
    }
  });

  it('grants in-group actions by role', () => {
    const grid: Record<string, Record<Role, boolean>> = {
      'group.read': { owner: true, moderator: true, member: true, observer: true },
      'group.write': { owner: true, moderator: true, member: true, observer: false },
      'group.addDocument': { owner: true, moderator: true, member: false, observer: false },
      'group.manageInvites': { owner: true, moderator: false, member: false, observer: false },
    };
    for (const [action, byRole] of Object.entries(grid)) {
      for (const role of roles) {
        expect([action, role, can(me, action as Action, { type: 'group', role })]).toEqual([action, role, byRole[role]]);
      }
    }
  });

  it('lets anyone leave but the last owner, and only owners change roles or remove others', () => {
    const member = (role: Role, target: { userId: string; role: Role }, ownerCount = 1) =>
      ({ type: 'membership', role, target, ownerCount }) as const;
    expect(can(me, 'membership.remove', member('observer', { userId: 'me', role: 'observer' }))).toBe(true);
    expect(can(me, 'membership.remove', member('owner', { userId: 'me', role: 'owner' }))).toBe(false);
    expect(can(me, 'membership.remove', member('owner', { userId: 'me', role: 'owner' }, 2))).toBe(true);
    expect(can(me, 'membership.remove', member('moderator', { userId: 'other', role: 'member' }))).toBe(false);
    expect(can(me, 'membership.remove', member('owner', { userId: 'other', role: 'member' }))).toBe(true);
    expect(can(me, 'membership.changeRole', member('owner', { userId: 'other', role: 'observer' }))).toBe(true);
    expect(can(me, 'membership.changeRole', member('moderator', { userId: 'other', role: 'observer' }))).toBe(false);
    expect(can(me, 'membership.changeRole', member('owner', { userId: 'me', role: 'owner' }))).toBe(false);
    expect(authorize(me, 'membership.remove', { type: 'membership', role: null, target: { userId: 'x', role: 'member' }, ownerCount: 1 })).toBe('hidden');
  });

  it('lets a person manage only their own account', () => {
    expect(can(me, 'account.update', { type: 'account', userId: 'me' })).toBe(true);
    expect(authorize(me, 'account.update', { type: 'account', userId: 'someone else' })).toBe('hidden');
    expect(authorize(anonymous, 'account.read', { type: 'account', userId: 'me' })).toBe('unauthenticated');
  });

  it('lets the group read its tag vocabulary, members add to it unless locked, moderators edit it, the owner lock it', () => {
    const grid: Record<string, Record<Role, boolean>> = {
      'tags.read': { owner: true, moderator: true, member: true, observer: true },
      'tags.add': { owner: true, moderator: true, member: true, observer: false },
      'tags.manage': { owner: true, moderator: true, member: false, observer: false },
      'tags.lock': { owner: true, moderator: false, member: false, observer: false },
    };
    for (const [action, byRole] of Object.entries(grid)) {
      for (const role of roles) expect(can(me, action as Action, { type: 'tagVocabulary', role, isLocked: false }), `${action} as ${role}`).toBe(byRole[role]);
    }
    for (const role of roles) expect(can(me, 'tags.add', { type: 'tagVocabulary', role, isLocked: true })).toBe(false);
    expect(can(me, 'tags.manage', { type: 'tagVocabulary', role: 'moderator', isLocked: true })).toBe(true);
    expect(authorize(admin, 'tags.read', { type: 'tagVocabulary', role: null, isLocked: false })).toBe('hidden');
  });
});
