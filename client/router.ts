/**
 * History-API routing: a path picks a view, a view renders into the main element and returns its
 * cleanup. Same-page fragment links (footnotes) are left to the browser.
 */
export type Cleanup = () => void;
export interface Route {
  pattern: RegExp;
  render(container: HTMLElement, params: string[]): Cleanup | void;
}

export function startRouter(container: HTMLElement, routes: Route[], notFound: Route['render']): void {
  let current: { path: string; cleanup: Cleanup | void } | null = null;

  function show(): void {
    const path = location.pathname;
    // A fragment jump (#fn-2) fires popstate too; the view is already on screen.
    if (current?.path === path) return;
    if (current?.cleanup) current.cleanup();
    container.replaceChildren();
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (match) {
        const params = match.slice(1).map((part) => decodeURIComponent(part));
        current = { path, cleanup: route.render(container, params) };
        return;
      }
    }
    current = { path, cleanup: notFound(container, [path]) };
  }

  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a[data-link]') : null;
    if (!(target instanceof HTMLAnchorElement)) return;
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const url = new URL(target.href);
    if (url.origin !== location.origin) return;
    event.preventDefault();
    history.pushState(null, '', url.pathname + url.search + url.hash);
    show();
    window.scrollTo(0, 0);
  });
  window.addEventListener('popstate', show);
  show();
}
