/** /groups, "My seminars": the user's seminars with their role and size, and a form to start one. */
import type { GroupSummary } from '../../shared/accounts.ts';
import { limits } from '../../shared/account-limits.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { el, statusMessage } from '../dom.ts';
import { takeFlash } from '../flash.ts';
import { field, input, messageLine, onSubmit, pageHeading } from '../forms.ts';
import { navigate, type Cleanup } from '../router.ts';
import { createGroup, listGroups } from '../services/groups-api.ts';
import { onGroupMembership } from '../services/socket.ts';
import { roleLabels } from './role-names.ts';

export function renderGroupListPage(container: HTMLElement): Cleanup {
  return requireSignIn(container, () => {
    let isCurrent = true;
    const flash = messageLine();
    const text = takeFlash();
    if (text) flash.show('success', text);
    const list = el('div', { class: 'group-list-region' }, statusMessage('loading', 'Loading your seminars…'));
    container.replaceChildren(el('section', { class: 'groups-page' }, pageHeading('My seminars'), flash.element, list, createForm()));

    async function load(): Promise<void> {
      const result = await listGroups();
      if (!isCurrent) return;
      if (result.type === 'error') list.replaceChildren(statusMessage('error', `Could not load your seminars: ${result.message}`));
      else if (result.value.length === 0) {
        list.replaceChildren(
          statusMessage('empty', 'You are not in any seminar yet. Start one below, or open an invite link a seminar’s owner sent you.'),
        );
      } else list.replaceChildren(el('ul', { class: 'group-list' }, ...result.value.map(renderSummary)));
    }
    void load();
    // Joined in another tab, removed by an owner, or given another role: the list follows.
    const stop = onGroupMembership(() => void load());
    return () => {
      isCurrent = false;
      stop();
    };
  });
}

function renderSummary(group: GroupSummary): HTMLElement {
  const members = group.memberCount === 1 ? '1 member' : `${group.memberCount} members`;
  return el(
    'li',
    { class: 'group-summary' },
    el('a', { class: 'group-summary-name', href: `/groups/${encodeURIComponent(group.id)}`, 'data-link': '' }, group.name),
    el('p', { class: 'group-summary-meta' }, `${roleLabels[group.role]} · ${members}`),
    group.description ? el('p', { class: 'group-summary-description' }, group.description) : null,
  );
}

function createForm(): HTMLElement {
  const name = input({ name: 'name', required: '', maxlength: String(limits.groupName) });
  const description = el('textarea', { name: 'description', rows: '3', maxlength: String(limits.groupDescription) });
  const message = messageLine();
  const form = el(
    'form',
    { class: 'account-form create-group-form', 'aria-labelledby': 'create-group-heading' },
    el('h2', { id: 'create-group-heading' }, 'Start a seminar'),
    field('Name', name),
    field('Description', description, 'Optional: what the seminar reads, and when it meets.'),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Create seminar')),
    message.element,
  );
  onSubmit(form, async () => {
    const result = await createGroup({ name: name.value, description: description.value });
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    navigate(`/groups/${encodeURIComponent(result.value.id)}`);
  });
  return form;
}
