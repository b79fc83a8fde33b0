/** The notice at the top of the margin: a refused command (with the text kept), a missing permalink. */
import { el } from '../dom.ts';

export interface Notice {
  text: string;
  /** The refused command's text, kept as a draft. */
  kept: string | null;
}

export function renderNotice({ text, kept }: Notice, onDismiss: () => void): HTMLElement {
  const dismiss = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Dismiss');
  dismiss.addEventListener('click', onDismiss);
  return el('div', { class: 'notice', role: 'alert' }, el('div', {}, el('p', {}, text), kept ? el('blockquote', { class: 'notice-kept' }, kept) : null), dismiss);
}
