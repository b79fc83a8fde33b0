/** The edition's citation line, as a historian would write it in a footnote. */
import type { Citation } from '../../shared/document.ts';
import { el } from '../dom.ts';

export function renderCitation(citation: Citation | null): HTMLElement | null {
  if (!citation) return null;
  const line = el(
    'p',
    { class: 'citation' },
    el('cite', {}, `${citation.series}, ${citation.volume}`),
    `, Document ${citation.document}`,
  );
  if (citation.url) {
    line.append(' · ', el('a', { class: 'citation-link', href: citation.url, rel: 'noopener' }, hostOf(citation.url)));
  }
  return line;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    // A malformed URL still deserves to be shown as it came.
    return url;
  }
}
