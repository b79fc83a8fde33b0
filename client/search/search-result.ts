/** One search result: where it is, the passage in its context, and the matched words marked. */
import type { MarkedText, SearchResult } from '../../shared/search-results.ts';
import { el } from '../dom.ts';
import { kindLabels, timeLabel } from '../margin/margin-context.ts';

export function renderSearchResult(result: SearchResult): HTMLElement {
  const place = [result.documentTitle, result.groupName ?? 'My private notes', result.page === null ? null : `p. ${result.page}`].filter(Boolean).join(' · ');
  const who = result.reply ? `Reply by ${result.reply.author.name} to ${result.author.name}` : `${kindLabels[result.kind] ?? result.kind} by ${result.author.name}`;
  const link = el('a', { href: result.link, 'data-link': '', class: 'search-result-link' }, el('span', { class: 'search-result-place' }, place));
  return el(
    'li',
    { class: 'search-result', 'data-annotation-id': result.annotationId },
    link,
    el('blockquote', { class: 'search-passage' }, el('span', { class: 'search-context' }, clip(result.passage.prefix, 'start')), ...marked(result.passage.exact), el('span', { class: 'search-context' }, clip(result.passage.suffix, 'end'))),
    result.excerpt.length > 0 ? el('p', { class: 'search-excerpt' }, ...marked(result.excerpt)) : null,
    el(
      'p',
      { class: 'search-meta' },
      `${who} · ${timeLabel(result.createdAt)}`,
      result.status === 'resolved' ? ' · resolved' : '',
      result.tags.length > 0 ? ` · ${result.tags.map((tag) => `#${tag}`).join(' ')}` : '',
    ),
  );
}

function marked(runs: MarkedText[]): Node[] {
  return runs.map((run) => (run.isMatch ? el('mark', {}, run.text) : document.createTextNode(run.text)));
}

/** The context around a passage, cut at a word and marked as cut. */
function clip(text: string, side: 'start' | 'end'): string {
  if (text.length === 0) return '';
  return side === 'start' ? `…${text.replace(/^\S*\s/, '')}` : `${text.replace(/\s\S*$/, '')}…`;
}
