/**
 * The commentary's named versions in its panel: members save the notebook under a name ("after
 * session 3"); everyone lists them and compares one with the notebook as it is now (what was added
 * and removed since, word by word); members restore one, which the server makes a new change that
 * every open editor receives and the log keeps after what came before.
 */
import type { CommentaryVersionSummary } from '../../shared/commentary.ts';
import { el } from '../dom.ts';
import { messageLine, onSubmit } from '../forms.ts';
import { renderDiff } from '../history/diff-view.ts';
import { timeLabel } from '../margin/margin-context.ts';
import {
  compareCommentaryVersion,
  listCommentaryVersions,
  restoreCommentaryVersion,
  saveCommentaryVersion,
  type CommentaryAt,
} from '../services/commentary-api.ts';

export function createCommentaryVersions(at: CommentaryAt, canWrite: () => boolean): { element: HTMLElement; refresh(): void } {
  const name = el('input', { type: 'text', name: 'name', maxlength: '120', placeholder: 'after session 3', 'aria-label': 'Name of the version' });
  const form = el('form', { class: 'commentary-version-form' }, name, el('button', { type: 'submit', class: 'button-small' }, 'Save version'));
  const message = messageLine();
  const list = el('ul', { class: 'commentary-version-list', 'aria-label': 'Saved versions' });
  const comparison = el('div', { class: 'commentary-comparison', 'aria-live': 'polite' });
  const element = el('details', { class: 'commentary-versions' }, el('summary', {}, 'Versions'), form, message.element, list, comparison);

  onSubmit(form, async () => {
    message.clear();
    const result = await saveCommentaryVersion(at, name.value);
    if (result.type === 'error') return message.show('error', result.message);
    name.value = '';
    message.show('success', `Saved as “${result.value.name}”.`);
    await refresh();
  });

  async function compare(version: CommentaryVersionSummary): Promise<void> {
    const result = await compareCommentaryVersion(at, version.id);
    if (result.type === 'error') return message.show('error', result.message);
    const changed = result.value.parts.some((part) => part.type !== 'same');
    comparison.replaceChildren(
      el('h3', {}, `Since “${version.name}”`),
      changed ? renderDiff(result.value.parts) : el('p', { class: 'quiet' }, 'Nothing has changed since.'),
    );
  }

  async function restore(version: CommentaryVersionSummary): Promise<void> {
    if (!window.confirm(`Make the commentary read as “${version.name}” did? Everyone sees the change, and it can be undone by restoring a later version.`)) return;
    const result = await restoreCommentaryVersion(at, version.id);
    if (result.type === 'error') return message.show('error', result.message);
    comparison.replaceChildren();
    message.show('success', `The commentary reads as “${version.name}” did.`);
  }

  function item(version: CommentaryVersionSummary): HTMLElement {
    const compareButton = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Compare with now');
    compareButton.addEventListener('click', () => void compare(version));
    const restoreButton = canWrite() ? el('button', { type: 'button', class: 'button-small button-quiet' }, 'Restore') : null;
    restoreButton?.addEventListener('click', () => void restore(version));
    return el(
      'li',
      { class: 'commentary-version' },
      el('strong', {}, version.name),
      ` · ${version.createdBy.displayName}, ${timeLabel(version.createdAt)} `,
      compareButton,
      restoreButton,
    );
  }

  async function refresh(): Promise<void> {
    form.hidden = !canWrite();
    const result = await listCommentaryVersions(at);
    if (result.type === 'error') return message.show('error', result.message);
    list.replaceChildren(...(result.value.length === 0 ? [el('li', { class: 'quiet' }, 'No saved versions yet.')] : result.value.map(item)));
  }

  // Read when opened: most readers never look.
  element.addEventListener('toggle', () => {
    if (element.open) void refresh();
  });
  return { element, refresh: () => void (element.open ? refresh() : undefined) };
}
