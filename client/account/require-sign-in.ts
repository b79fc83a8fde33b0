/**
 * For pages that only make sense signed in: waits for the session, then renders with the user, or
 * sends a visitor to sign in and come back here. Answers the cleanup of whatever was rendered.
 */
import type { UserRecord } from '../../shared/accounts.ts';
import { statusMessage } from '../dom.ts';
import type { Cleanup } from '../router.ts';
import { navigate } from '../router.ts';
import { loadSession } from '../services/session.ts';
import { withNext } from './next-path.ts';

export function requireSignIn(container: HTMLElement, render: (user: UserRecord) => Cleanup | void): Cleanup {
  let isCurrent = true;
  let cleanup: Cleanup | void;
  container.replaceChildren(statusMessage('loading', 'Loading…'));
  void loadSession().then((session) => {
    if (!isCurrent) return;
    if (session.type === 'signed-in') cleanup = render(session.user);
    else navigate(withNext('/signin', location.pathname + location.search), { replace: true });
  });
  return () => {
    isCurrent = false;
    if (cleanup) cleanup();
  };
}
