/**
 * The account side of the header on every page: "Sign in / Sign up" for a visitor; for a signed-in
 * user their name, My seminars, Account and Sign out. It follows the session as it changes.
 */
import { el } from './dom.ts';
import { createInbox, type Inbox } from './inbox/inbox.ts';
import { navigate, onRouteChange } from './router.ts';
import { currentSession, onSessionChange, signOut, type SessionState } from './services/session.ts';
import { headerSearchBox } from './search/header-search.ts';

export function mountAccountNav(nav: HTMLElement): void {
  // One inbox for the visit: re-rendering the links keeps its count and its open panel.
  const inbox = createInbox();
  onSessionChange((session) => nav.replaceChildren(...navItems(session, inbox)));
  onRouteChange(() => nav.replaceChildren(...navItems(currentSession(), inbox)));
}

function navItems(session: SessionState, inbox: Inbox): Node[] {
  if (session.type === 'unknown') return [];
  if (session.type === 'signed-out') {
    // Back to the page the visitor was on: signing in from an invite or a document returns there.
    const next = encodeURIComponent(location.pathname + location.search);
    const isAccountPage = location.pathname === '/signin' || location.pathname === '/signup';
    const query = isAccountPage ? location.search : `?next=${next}`;
    return [
      el('a', { href: `/signin${query}`, 'data-link': '' }, 'Sign in'),
      el('span', { class: 'nav-separator', 'aria-hidden': 'true' }, '/'),
      el('a', { href: `/signup${query}`, 'data-link': '' }, 'Sign up'),
    ];
  }
  const button = el('button', { type: 'button', class: 'link-button' }, 'Sign out');
  button.addEventListener('click', () => {
    void signOut().then((result) => {
      if (result.type === 'ok') navigate('/');
      else window.alert(`Could not sign out: ${result.message}`);
    });
  });
  return [
    headerSearchBox(),
    el('span', { class: 'nav-user' }, session.user.name),
    inbox.element,
    el('a', { href: '/groups', 'data-link': '' }, 'My seminars'),
    ...(session.user.isAdmin ? [el('a', { href: '/library', 'data-link': '' }, 'Library')] : []),
    el('a', { href: '/account', 'data-link': '' }, 'Account'),
    button,
  ];
}
