/** /account: the display name, and a password change that needs the current password. */
import type { UserRecord } from '../../shared/accounts.ts';
import { limits } from '../../shared/account-limits.ts';
import { el } from '../dom.ts';
import { field, input, messageLine, onSubmit, pageHeading } from '../forms.ts';
import type { Cleanup } from '../router.ts';
import { postPassword } from '../services/accounts-api.ts';
import { renameMe } from '../services/session.ts';
import { passwordProblem } from './password-rules.ts';
import { requireSignIn } from './require-sign-in.ts';

export function renderAccountPage(container: HTMLElement): Cleanup {
  return requireSignIn(container, (user) => {
    container.replaceChildren(
      el(
        'section',
        { class: 'account-page' },
        pageHeading('Account'),
        el('p', { class: 'account-email' }, `Signed in as ${user.email}${user.isAdmin ? ' · administrator of this instance' : ''}`),
        nameForm(user),
        passwordForm(),
      ),
    );
  });
}

function nameForm(user: UserRecord): HTMLElement {
  const name = input({ name: 'name', autocomplete: 'name', required: '', maxlength: String(limits.displayName) });
  name.value = user.name;
  const message = messageLine();
  const form = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'name-heading' },
    el('h2', { id: 'name-heading' }, 'Your name'),
    field('Display name', name, 'As other members of your seminars see it.'),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Save name')),
    message.element,
  );
  onSubmit(form, async () => {
    const result = await renameMe(name.value);
    if (result.type === 'error') message.show('error', result.message);
    else message.show('success', `Your name is now “${result.value.name}”.`);
  });
  return form;
}

function passwordForm(): HTMLElement {
  const current = input({ type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: '' });
  const next = input({ type: 'password', name: 'newPassword', autocomplete: 'new-password', required: '', minlength: String(limits.passwordMin) });
  const message = messageLine();
  const form = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'password-heading' },
    el('h2', { id: 'password-heading' }, 'Password'),
    field('Current password', current),
    field('New password', next, `At least ${limits.passwordMin} characters.`),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Change password')),
    message.element,
  );
  onSubmit(form, async () => {
    const problem = passwordProblem(next.value);
    if (problem) {
      message.show('error', problem);
      next.focus();
      return;
    }
    const result = await postPassword({ currentPassword: current.value, newPassword: next.value });
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    form.reset();
    message.show('success', 'Your password has been changed. Other devices signed in to this account will need to sign in again.');
  });
  return form;
}
