/** /signin: email and password; on success, back to `?next=` or to My seminars. */
import { el } from '../dom.ts';
import { field, input, messageLine, onSubmit } from '../forms.ts';
import { showEntryPage } from './entry-page.ts';
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
  showEntryPage(container, {
    title: 'Sign in',
    headingId: 'signin-heading',
    form,
    aside: 'New to Marginalia? ',
    otherLink: { href: withNext('/signup', next), label: 'Create an account' },
  });
  email.focus();
}
