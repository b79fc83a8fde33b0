/**
 * Invite links, for owners: make one (role, optional expiry, optional number of uses), see each
 * with its uses, copy it, revoke it. The link is shown in a read-only field as well as copied, so
 * that it can be selected by hand where the clipboard is not allowed.
 */
import type { InviteRecord } from '../../shared/accounts.ts';
import { limits } from '../../shared/account-limits.ts';
import { el } from '../dom.ts';
import { field, input, messageLine, onSubmit, select, uniqueId, type MessageLine } from '../forms.ts';
import { createInvite, listInvites, revokeInvite, type InviteRole } from '../services/groups-api.ts';
import { roleDescriptions, roleLabels } from './role-names.ts';

const inviteRoles: readonly InviteRole[] = ['member', 'moderator', 'observer'];
const day = 24 * 60 * 60 * 1000;
const expiries = [
  ['never', 'Never'],
  ['1', 'In 1 day'],
  ['7', 'In 7 days'],
  ['30', 'In 30 days'],
] as const;

export interface InviteManager {
  element: HTMLElement;
  /** Reads the links again: someone joined, so a link's uses changed. */
  reload(): void;
}

export function createInviteManager(groupId: string): InviteManager {
  const list = el('div', {});
  const message = messageLine();

  async function load(): Promise<void> {
    const result = await listInvites(groupId);
    if (result.type === 'error') list.replaceChildren(el('p', { class: 'form-message form-message-error' }, `Could not load the invite links: ${result.message}`));
    else renderList(result.value);
  }

  function renderList(invites: InviteRecord[]): void {
    list.replaceChildren(
      invites.length === 0
        ? el('p', { class: 'quiet' }, 'No invite links yet. Make one above and send it to the people you want in the seminar.')
        : el('ul', { class: 'invite-list' }, ...invites.map((invite) => renderInvite(invite, message, revoke))),
    );
  }

  async function revoke(invite: InviteRecord): Promise<void> {
    const result = await revokeInvite(groupId, invite.id);
    if (result.type === 'error') message.show('error', result.message);
    else {
      message.show('success', 'The invite link is revoked: it no longer lets anyone join.');
      await load();
    }
  }

  void load();
  const element = el(
    'section',
    { class: 'group-section invites', 'aria-labelledby': 'invites-heading' },
    el('h2', { id: 'invites-heading' }, 'Invite links'),
    createForm(groupId, message, load),
    message.element,
    list,
  );
  return { element, reload: () => void load() };
}

function createForm(groupId: string, message: MessageLine, reload: () => Promise<void>): HTMLFormElement {
  const role = select(
    inviteRoles.map((value) => [value, `${roleLabels[value]}: ${roleDescriptions[value]}`] as const),
    { name: 'role' },
    'member',
  );
  const expiry = select(expiries, { name: 'expiry' }, 'never');
  const maxUses = input({ type: 'number', name: 'maxUses', min: '1', max: String(limits.inviteMaxUses), inputmode: 'numeric' });
  const form = el(
    'form',
    { class: 'invite-form', 'aria-label': 'New invite link' },
    field('Joins as', role),
    field('Expires', expiry),
    field('Maximum uses', maxUses, 'Leave empty for no limit.'),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Create invite link')),
  );
  onSubmit(form, async () => {
    const chosenRole = inviteRoles.find((candidate) => candidate === role.value) ?? 'member';
    const days = expiry.value === 'never' ? null : Number(expiry.value);
    const uses = maxUses.value.trim() === '' ? null : Number(maxUses.value);
    if (uses !== null && (!Number.isInteger(uses) || uses < 1 || uses > limits.inviteMaxUses)) {
      message.show('error', `Maximum uses is a whole number from 1 to ${limits.inviteMaxUses}, or empty.`);
      maxUses.focus();
      return;
    }
    const result = await createInvite(groupId, {
      role: chosenRole,
      expiresAt: days === null ? null : new Date(Date.now() + days * day).toISOString(),
      maxUses: uses,
    });
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    message.show('success', `New invite link for ${roleLabels[result.value.role].toLowerCase()}s: copy it below and send it.`);
    form.reset();
    await reload();
  });
  return form;
}

function renderInvite(invite: InviteRecord, message: MessageLine, revoke: (invite: InviteRecord) => Promise<void>): HTMLElement {
  const id = uniqueId('invite');
  const link = el('input', { id, type: 'text', class: 'invite-url', readonly: '', value: invite.url });
  const status = inviteStatus(invite);
  const item = el(
    'li',
    { class: `invite${status ? ' is-unusable' : ''}`, 'data-invite-id': invite.id },
    el('p', { class: 'invite-meta' }, `${roleLabels[invite.role]} · ${usesText(invite)} · ${expiryText(invite)}`, status ? ` · ${status}` : ''),
    el('label', { for: id, class: 'visually-hidden' }, `Invite link for ${roleLabels[invite.role].toLowerCase()}s`),
  );
  const row = el('div', { class: 'invite-row' }, link);
  if (!status) {
    const copy = el('button', { type: 'button', class: 'button-small invite-copy', 'data-url': invite.url }, 'Copy link');
    copy.addEventListener('click', () => void copyLink(invite.url, link, message));
    const revokeButton = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Revoke');
    revokeButton.addEventListener('click', () => {
      if (window.confirm('Revoke this invite link? Nobody will be able to join with it.')) void revoke(invite);
    });
    row.append(copy, revokeButton);
  }
  item.append(row);
  return item;
}

async function copyLink(url: string, field: HTMLInputElement, message: MessageLine): Promise<void> {
  try {
    await navigator.clipboard.writeText(url);
    message.show('success', 'Invite link copied.');
  } catch (error) {
    // No clipboard permission (or an insecure origin): select the link so that the user can copy it.
    field.focus();
    field.select();
    message.show('info', `Could not copy automatically (${error instanceof Error ? error.message : String(error)}): the link is selected, copy it with Ctrl+C.`);
  }
}

function usesText(invite: InviteRecord): string {
  const used = invite.uses === 1 ? '1 use' : `${invite.uses} uses`;
  return invite.maxUses === null ? used : `${invite.uses} of ${invite.maxUses} uses`;
}

function expiryText(invite: InviteRecord): string {
  if (!invite.expiresAt) return 'never expires';
  const date = new Date(invite.expiresAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return `${new Date(invite.expiresAt).getTime() < Date.now() ? 'expired' : 'expires'} ${date}`;
}

/** Why an invite no longer works, or null while it does. */
function inviteStatus(invite: InviteRecord): string | null {
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt && new Date(invite.expiresAt).getTime() < Date.now()) return 'expired';
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return 'used up';
  return null;
}
