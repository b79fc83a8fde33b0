/** /signup: name, email, password (checked against the shared limits before it is sent). */
import { limits } from '../../shared/account-limits.ts';
import { el } from '../dom.ts';
import { field, input, messageLine, onSubmit } from '../forms.ts';
import { showEntryPage } from './entry-page.ts';
import { navigate } from '../router.ts';
import { signUp } from '../services/session.ts';
import { nextPath, withNext } from './next-path.ts';
import { passwordProblem } from './password-rules.ts';

export function renderSignUpPage(container: HTMLElement): void {
  const next = nextPath(location.search);
  const name = input({ name: 'name', autocomplete: 'name', required: '', maxlength: String(limits.displayName) });
  const email = input({ type: 'email', name: 'email', autocomplete: 'email', required: '', maxlength: String(limits.email) });
  const password = input({
    type: 'password',
    name: 'password',
    autocomplete: 'new-password',
    required: '',
    minlength: String(limits.passwordMin),
    maxlength: String(limits.passwordMax),
  });
  const message = messageLine();
  const form = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'signup-heading' },
    field('Display name', name, 'As other members of your seminars will see it.'),
    field('Email', email),
    field('Password', password, `At least ${limits.passwordMin} characters.`),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Create account')),
    message.element,
  );
  onSubmit(form, async () => {
    const problem = passwordProblem(password.value);
    if (problem) {
      message.show('error', problem);
      password.focus();
      return;
    }
    message.show('info', 'Creating your account…');
    const result = await signUp({ name: name.value, email: email.value, password: password.value });
    if (result.type === 'error') {
      message.show('error', result.message);
      return;
    }
    navigate(next, { replace: true });
  });
  showEntryPage(container, {
    title: 'Create an account',
    headingId: 'signup-heading',
    form,
    aside: 'Already have an account? ',
    otherLink: { href: withNext('/signin', next), label: 'Sign in' },
  });
  name.focus();
}
