/** A word diff (shared/word-diff.ts) as text with <ins> and <del> runs. */
import type { DiffPart } from '../../shared/word-diff.ts';
import { el } from '../dom.ts';

export function renderDiff(parts: DiffPart[]): HTMLElement {
  return el(
    'p',
    { class: 'diff' },
    ...parts.map((part) => (part.type === 'added' ? el('ins', {}, part.text) : part.type === 'removed' ? el('del', {}, part.text) : part.text)),
  );
}
