/**
 * The members of a seminar: name, role and whether they are online now. Owners get, for each other
 * member, a role select with its own "Change role" button (a select that acted on every arrow key
 * would change roles while a keyboard user browses the options) and a "Remove" button.
 * Online marks are updated in place, so a presence change never moves the keyboard focus.
 */
import type { GroupRecord, MemberRecord, Role } from '../../shared/accounts.ts';
import { roles } from '../../shared/account-limits.ts';
import { el } from '../dom.ts';
import { select, uniqueId } from '../forms.ts';
import { roleLabels } from './role-names.ts';

export interface MemberActions {
  changeRole(member: MemberRecord, role: Role): void;
  remove(member: MemberRecord): void;
}

export interface MemberList {
  element: HTMLElement;
  render(group: GroupRecord, online: ReadonlySet<string>): void;
  setOnline(online: ReadonlySet<string>): void;
}

export function createMemberList(myUserId: string, actions: MemberActions): MemberList {
  const list = el('ul', { class: 'member-list' });
  const element = el('section', { class: 'group-section', 'aria-labelledby': 'members-heading' }, el('h2', { id: 'members-heading' }, 'Members'), list);

  function setOnline(online: ReadonlySet<string>): void {
    for (const item of list.querySelectorAll<HTMLElement>('li[data-user-id]')) {
      const isOnline = online.has(item.dataset.userId ?? '');
      item.classList.toggle('is-online', isOnline);
      const mark = item.querySelector('.presence');
      if (mark) mark.textContent = isOnline ? 'online' : 'offline';
    }
  }

  return {
    element,
    setOnline,
    render(group, online) {
      const canManage = group.role === 'owner';
      list.replaceChildren(...group.members.map((member) => renderMember(member, member.userId === myUserId, canManage, actions)));
      setOnline(online);
    },
  };
}

function renderMember(member: MemberRecord, isMe: boolean, canManage: boolean, actions: MemberActions): HTMLElement {
  const item = el(
    'li',
    { class: 'member', 'data-user-id': member.userId },
    el('span', { class: 'member-name' }, member.name, isMe ? el('span', { class: 'member-me' }, ' (you)') : null),
    el('span', { class: 'presence' }, 'offline'),
  );
  if (!canManage || isMe) {
    item.append(el('span', { class: 'member-role' }, roleLabels[member.role]));
    return item;
  }
  const id = uniqueId('role');
  const roleSelect = select(
    roles.map((role) => [role, roleLabels[role]] as const),
    { id, class: 'member-role-select', 'data-focus-key': `role-${member.userId}` },
    member.role,
  );
  const change = el('button', { type: 'button', class: 'button-small', 'data-focus-key': `change-${member.userId}` }, 'Change role');
  change.addEventListener('click', () => {
    const role = roles.find((candidate) => candidate === roleSelect.value);
    if (role && role !== member.role) actions.changeRole(member, role);
  });
  const remove = el('button', { type: 'button', class: 'button-small button-quiet', 'data-focus-key': `remove-${member.userId}` }, 'Remove');
  remove.addEventListener('click', () => actions.remove(member));
  item.append(
    el(
      'span',
      { class: 'member-controls' },
      el('label', { for: id, class: 'visually-hidden' }, `Role of ${member.name}`),
      roleSelect,
      change,
      remove,
    ),
  );
  return item;
}
