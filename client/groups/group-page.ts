/**
 * /groups/:id: a seminar's name and description, its members (live online marks), who is online
 * now, its documents, its tags (tag-panel.ts), the owners' invite links, and "Leave seminar". The page holds one GroupRecord
 * and the set of online user ids; the socket updates the second, and a presence naming someone the
 * page does not know (a member who just joined) or a 'group:updated' (a role changed, a document
 * was added) reloads the first.
 */
import type { GroupRecord, MemberRecord, Role, UserRecord } from '../../shared/accounts.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { createActivityFeed } from '../activity/activity-feed.ts';
import { el, statusMessage } from '../dom.ts';
import { setFlash } from '../flash.ts';
import { messageLine, pageHeading } from '../forms.ts';
import { navigate, type Cleanup } from '../router.ts';
import { changeMemberRole, getGroup, removeMember } from '../services/groups-api.ts';
import { knownPresence, onGroupMembership, onPresence } from '../services/socket.ts';
import { createGroupDocuments } from './group-documents.ts';
import { createInviteManager } from './invite-manager.ts';
import { createMemberList } from './member-list.ts';
import { createOnlineList } from './online-list.ts';
import { roleLabels } from './role-names.ts';
import { createTagPanel } from './tag-panel.ts';

export function renderGroupPage(container: HTMLElement, groupId: string): Cleanup {
  return requireSignIn(container, (user) => {
    let isCurrent = true;
    container.replaceChildren(statusMessage('loading', 'Loading the seminar…'));
    const stops: (() => void)[] = [];
    void getGroup(groupId).then((result) => {
      if (!isCurrent) return;
      if (result.type === 'error') {
        const text = result.status === 404 ? 'There is no such seminar, or you are not a member of it.' : `Could not load the seminar: ${result.message}`;
        container.replaceChildren(statusMessage('error', text), myGroupsLink());
        return;
      }
      stops.push(...showGroup(container, user, result.value, () => isCurrent));
    });
    return () => {
      isCurrent = false;
      for (const stop of stops) stop();
      document.title = 'Marginalia';
    };
  });
}

function showGroup(container: HTMLElement, user: UserRecord, initial: GroupRecord, isCurrent: () => boolean): (() => void)[] {
  let group = initial;
  let online = new Set(knownPresence(group.id) ?? group.members.filter((member) => member.isOnline).map((member) => member.userId));
  const message = messageLine();
  const heading = pageHeading(group.name);
  const description = el('p', { class: 'group-description' });
  const myRole = el('p', { class: 'group-my-role' });
  const members = createMemberList(user.id, { changeRole, remove });
  const onlineNow = createOnlineList();
  const documents = createGroupDocuments(update);
  const invites = group.role === 'owner' ? createInviteManager(group.id) : null;
  const activity = createActivityFeed(group.id);
  const tagPanel = createTagPanel(group.id, group.role);
  const leave = el('button', { type: 'button', class: 'button-quiet' }, 'Leave seminar');
  leave.addEventListener('click', () => void leaveGroup());
  const page = el(
    'section',
    { class: 'group-page', 'data-group-id': group.id },
    heading,
    description,
    myRole,
    message.element,
    el('div', { class: 'group-columns' }, members.element, onlineNow.element),
    documents.element,
    activity.element,
    tagPanel.element,
    invites?.element,
    el('section', { class: 'group-section group-leave', 'aria-label': 'Leave' }, leave),
  );
  container.replaceChildren(page);
  render();

  function render(): void {
    document.title = `${group.name} · Marginalia`;
    heading.textContent = group.name;
    description.textContent = group.description;
    description.hidden = group.description === '';
    myRole.textContent = `You are ${articled(roleLabels[group.role])} of this seminar · ${group.memberCount === 1 ? '1 member' : `${group.memberCount} members`}`;
    keepingFocus(page, () => members.render(group, online));
    onlineNow.render(group, online);
    documents.render(group);
    tagPanel.setRole(group.role);
  }

  function update(next: GroupRecord): void {
    const hasNewMembers = next.members.some((member) => !group.members.some((known) => known.userId === member.userId));
    group = next;
    render();
    if (hasNewMembers) invites?.reload();
  }

  async function reload(): Promise<void> {
    const result = await getGroup(group.id);
    if (!isCurrent()) return;
    if (result.type === 'ok') update(result.value);
    else if (result.status === 404) showRemoved();
    else message.show('error', `Could not refresh the seminar: ${result.message}`);
  }

  async function changeRole(member: MemberRecord, role: Role): Promise<void> {
    const result = await changeMemberRole(group.id, member.userId, role);
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    message.show('success', `${member.name} is now ${articled(roleLabels[role])}.`);
    update(result.value);
  }

  async function remove(member: MemberRecord): Promise<void> {
    if (!window.confirm(`Remove ${member.name} from ${group.name}?`)) return;
    const result = await removeMember(group.id, member.userId);
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    message.show('success', `${member.name} is no longer a member.`);
    await reload();
  }

  async function leaveGroup(): Promise<void> {
    if (!window.confirm(`Leave ${group.name}? You will need a new invite to come back.`)) return;
    const result = await removeMember(group.id, user.id);
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    setFlash(`You left ${group.name}.`);
    navigate('/groups');
  }

  function showRemoved(): void {
    container.replaceChildren(statusMessage('error', 'You are no longer a member of this seminar.'), myGroupsLink());
  }

  const stopPresence = onPresence((presence) => {
    if (presence.groupId !== group.id || !isCurrent()) return;
    online = new Set(presence.userIds);
    members.setOnline(online);
    onlineNow.render(group, online);
    const known = new Set(group.members.map((member) => member.userId));
    if (presence.userIds.some((id) => !known.has(id))) void reload();
  });
  const stopMembership = onGroupMembership((event) => {
    if (event.groupId !== group.id || !isCurrent()) return;
    if (event.type === 'removed') showRemoved();
    // A role changed or a document was added, by this user or another: fetch the group again.
    else if (event.type === 'updated') void reload();
  });
  return [stopPresence, stopMembership, activity.destroy, tagPanel.destroy];
}

function myGroupsLink(): HTMLElement {
  return el('p', {}, el('a', { href: '/groups', 'data-link': '' }, 'My seminars'));
}

function articled(word: string): string {
  return `${/^[AEIOU]/i.test(word) ? 'an' : 'a'} ${word.toLowerCase()}`;
}

/** Re-renders part of the page and puts the focus back on the control that had it, found by its key. */
function keepingFocus(root: HTMLElement, rerender: () => void): void {
  const active = document.activeElement;
  const key = active instanceof HTMLElement && root.contains(active) ? active.dataset.focusKey : undefined;
  rerender();
  if (key) root.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}
