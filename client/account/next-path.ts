/**
 * The `?next=` of the sign-in and sign-up pages: where to return after success (an invite page, say).
 * Only a path on this site is followed; anything else (another origin, `//evil.example`, a
 * `javascript:` URL) falls back to the default, so the parameter cannot send anyone off-site.
 */
export function nextPath(search: string, fallback = '/groups'): string {
  const raw = new URLSearchParams(search).get('next');
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  try {
    const url = new URL(raw, location.origin);
    return url.origin === location.origin ? url.pathname + url.search + url.hash : fallback;
  } catch {
    return fallback; // not a URL at all
  }
}

/** A link to `page` (/signin, /signup) that keeps `next`. */
export function withNext(page: string, next: string | null): string {
  return next ? `${page}?${new URLSearchParams({ next }).toString()}` : page;
}
