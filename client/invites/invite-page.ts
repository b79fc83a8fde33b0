/**
 * /invites/:token: "Join <seminar> as <role>". Signed in: a Join button. Signed out: sign up or sign
 * in, each bringing the visitor back here (?next=) to press Join. An unusable link says so.
 */
import type { InvitePreview } from '../../shared/accounts.ts';
import { withNext } from '../account/next-path.ts';
import { el, statusMessage } from '../dom.ts';
import { messageLine, pageHeading } from '../forms.ts';
import { roleLabels } from '../groups/role-names.ts';
import { navigate, type Cleanup } from '../router.ts';
import { acceptInvite, previewInvite } from '../services/groups-api.ts';
import { loadSession, type SessionState } from '../services/session.ts';

export function renderInvitePage(container: HTMLElement, token: string): Cleanup {
  let isCurrent = true;
  container.replaceChildren(statusMessage('loading', 'Opening the invite…'));
  void Promise.all([previewInvite(token), loadSession()]).then(([preview, session]) => {
    if (!isCurrent) return;
    if (preview.type === 'error') {
      const text = preview.status === 404 ? 'This invite link does not exist. Check that it was copied whole.' : `Could not open the invite: ${preview.message}`;
      container.replaceChildren(el('section', { class: 'invite-page' }, pageHeading('Invite'), statusMessage('error', text)));
      return;
    }
    container.replaceChildren(renderInvite(token, preview.value, session));
  });
  return () => {
    isCurrent = false;
  };
}

function renderInvite(token: string, invite: InvitePreview, session: SessionState): HTMLElement {
  const role = roleLabels[invite.role].toLowerCase();
  const section = el('section', { class: 'invite-page' }, pageHeading(`Join ${invite.groupName} as ${role}`));
  if (!invite.isUsable) {
    section.append(statusMessage('error', 'This invite link can no longer be used: it has expired, been used up or been revoked. Ask the seminar’s owner for a new one.'));
    return section;
  }
  if (session.type !== 'signed-in') {
    const here = location.pathname;
    section.append(
      el('p', {}, 'You have been invited to this seminar. Create an account, or sign in if you have one; you will come back here to join.'),
      el(
        'p',
        { class: 'form-actions' },
        el('a', { class: 'button-link button-primary', href: withNext('/signup', here), 'data-link': '' }, 'Sign up'),
        el('a', { class: 'button-link', href: withNext('/signin', here), 'data-link': '' }, 'Sign in'),
      ),
    );
    return section;
  }
  const message = messageLine();
  const join = el('button', { type: 'button', class: 'button-primary' }, 'Join seminar');
  let isJoining = false;
  join.addEventListener('click', () => {
    if (isJoining) return;
    isJoining = true;
    message.show('info', 'Joining…');
    void acceptInvite(token).then((result) => {
      isJoining = false;
      if (result.type === 'error') message.show('error', result.message);
      else navigate(`/groups/${encodeURIComponent(result.value.groupId)}`, { replace: true });
    });
  });
  section.append(
    el('p', {}, `Signed in as ${session.user.name}.`),
    el('div', { class: 'form-actions' }, join),
    message.element,
  );
  return section;
}
