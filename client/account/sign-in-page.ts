/** /signin: email and password; on success, back to `?next=` or to My seminars. */
import { el } from '../dom.ts';
import { field, input, messageLine, onSubmit, pageHeading } from '../forms.ts';
import { navigate } from '../router.ts';
import { signIn } from '../services/session.ts';
import { nextPath, withNext } from './next-path.ts';

export function renderSignInPage(container: HTMLElement): void {
  const next = nextPath(location.search);
  const email = input({ type: 'email', name: 'email', autocomplete: 'email', required: '' });
  const password = input({ type: 'password', name: 'password', autocomplete: 'current-password', required: '' });
  const message = messageLine();
  const form = el(
    'form',
    { class: 'account-form', 'aria-labelledby': 'signin-heading' },
    field('Email', email),
    field('Password', password),
    el('div', { class: 'form-actions' }, el('button', { type: 'submit', class: 'button-primary' }, 'Sign in')),
    message.element,
  );
  onSubmit(form, async () => {
    message.show('info', 'Signing in…');
    const result = await signIn({ email: email.value, password: password.value });
    if (result.type === 'error') {
      message.show('error', result.message);
      password.select();
      return;
    }
    navigate(next, { replace: true });
  });
  const heading = pageHeading('Sign in');
  heading.id = 'signin-heading';
  container.replaceChildren(
    el(
      'section',
      { class: 'account-page' },
      heading,
      form,
      el('p', { class: 'form-aside' }, 'New to Marginalia? ', el('a', { href: withNext('/signup', next), 'data-link': '' }, 'Create an account')),
    ),
  );
  email.focus();
}
