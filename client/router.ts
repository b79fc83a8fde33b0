/**
 * History-API routing: a path picks a view, a view renders into the main element and returns its
 * cleanup. Same-page fragment links (footnotes) are left to the browser.
 */
export type Cleanup = () => void;
export interface Route {
  pattern: RegExp;
  render(container: HTMLElement, params: string[]): Cleanup | void;
}

let mounted: { show(force: boolean): void; container: HTMLElement } | null = null;
const routeListeners = new Set<() => void>();

/** Calls `listener` after every change of view (the header's "Sign in" link keeps the current path). */
export function onRouteChange(listener: () => void): () => void {
  routeListeners.add(listener);
  return () => routeListeners.delete(listener);
}

/**
 * Goes to a same-origin path (with its query) as a link would; `replace` when the page left behind
 * should not come back with the Back button (a sign-in form after success, say).
 */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  if (!mounted) return;
  mounted.show(true);
  window.scrollTo(0, 0);
  // A keyboard user starts the new page at its top, unless the page focused a field itself.
  if (!mounted.container.contains(document.activeElement)) mounted.container.focus({ preventScroll: true });
}

export function startRouter(container: HTMLElement, routes: Route[], notFound: Route['render']): void {
  let current: { path: string; cleanup: Cleanup | void } | null = null;

  function show(force = false): void {
    const path = location.pathname;
    // A fragment jump (#fn-2) fires popstate too; the view is already on screen.
    if (!force && current?.path === path) return;
    if (current?.cleanup) current.cleanup();
    container.replaceChildren();
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (match) {
        const params = match.slice(1).map((part) => decodeURIComponent(part));
        current = { path, cleanup: route.render(container, params) };
        for (const listener of routeListeners) listener();
        return;
      }
    }
    current = { path, cleanup: notFound(container, [path]) };
    for (const listener of routeListeners) listener();
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(target.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener('popstate', () => show());
  mounted = { show, container };
  show();
}
