/**
 * Tags as removable chips with a text field that suggests the group's existing tags (a datalist).
 * Enter or a comma adds the typed tag; Backspace in an empty field removes the last one.
 */
import { annotationLimits } from '../../shared/annotation-vocabulary.ts';
import { el } from '../dom.ts';

export interface TagInput {
  element: HTMLElement;
  values(): string[];
  /** Adds what is typed but not yet added (on submit). */
  commit(): void;
  onChange(listener: () => void): void;
}

export function createTagInput(options: { id: string; known: string[]; initial: string[] }): TagInput {
  let tags = [...options.initial];
  const listeners: (() => void)[] = [];
  const listId = `${options.id}-suggestions`;
  const input = el('input', { id: options.id, type: 'text', list: listId, maxlength: String(annotationLimits.tag), autocomplete: 'off', placeholder: 'Add a tag and press Enter' });
  const datalist = el('datalist', { id: listId }, ...options.known.map((tag) => el('option', { value: tag })));
  const chips = el('ul', { class: 'tags tag-chips', 'aria-label': 'Chosen tags' });

  const changed = () => {
    render();
    for (const listener of listeners) listener();
  };
  const add = (raw: string) => {
    const tag = raw.replace(/[,#]/g, '').trim();
    if (tag && !tags.includes(tag) && tags.length < annotationLimits.tags) tags.push(tag);
    input.value = '';
    changed();
  };
  function render(): void {
    chips.replaceChildren(
      ...tags.map((tag) => {
        const remove = el('button', { type: 'button', class: 'tag-remove', 'aria-label': `Remove tag ${tag}` }, '×');
        remove.addEventListener('click', () => {
          tags = tags.filter((t) => t !== tag);
          changed();
          input.focus();
        });
        return el('li', { class: 'tag' }, tag, remove);
      }),
    );
  }
  input.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ',') && input.value.trim() !== '') {
      event.preventDefault();
      add(input.value);
    } else if (event.key === 'Backspace' && input.value === '' && tags.length > 0) {
      tags.pop();
      changed();
    }
  });
  render();
  return {
    element: el('div', { class: 'tag-input' }, chips, input, datalist),
    values: () => [...tags],
    commit: () => {
      if (input.value.trim() !== '') add(input.value);
    },
    onChange: (listener) => listeners.push(listener),
  };
}
