/**
 * Tags as removable chips with a text field that suggests tags as one types: the seminar's vocabulary
 * (with each tag's colour and description) and the tags already in the layer. Enter or a comma adds
 * the suggestion chosen with the arrow keys, or else the typed tag; Backspace in an empty field removes the last one.
 *
 * A tag the vocabulary has is written as the vocabulary spells it. When the owner locked the
 * vocabulary, only its tags can be added: the field says so, and a tag typed outside it is not added
 * (the server would refuse it).
 */
import { annotationLimits } from '../../shared/annotation-vocabulary.ts';
import { findTag, tagKey, type TagRecord, type TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { el } from '../dom.ts';
import { tagSwatch } from './tag-swatch.ts';

export interface TagInput {
  element: HTMLElement;
  values(): string[];
  /** Adds what is typed but not yet added (on submit). */
  commit(): void;
  onChange(listener: () => void): void;
}

export interface TagInputOptions {
  id: string;
  /** Tags seen in the layer: suggested too (private notes have no vocabulary). */
  known: string[];
  initial: string[];
  /** The seminar's vocabulary, when the tags go to a seminar (null for private notes, or not loaded yet). */
  vocabulary?: () => TagVocabulary | null;
}

const maxSuggestions = 8;

export function createTagInput(options: TagInputOptions): TagInput {
  let tags = [...options.initial];
  let suggestions: TagRecord[] = [];
  let active = -1;
  const listeners: (() => void)[] = [];
  const listId = `${options.id}-suggestions`;
  const input = el('input', {
    id: options.id,
    type: 'text',
    maxlength: String(annotationLimits.tag),
    autocomplete: 'off',
    role: 'combobox',
    'aria-autocomplete': 'list',
    'aria-controls': listId,
    'aria-expanded': 'false',
  });
  const list = el('ul', { id: listId, class: 'mention-list tag-suggestions', role: 'listbox', 'aria-label': 'Tag suggestions', hidden: '' });
  const note = el('p', { class: 'field-hint tag-note', 'aria-live': 'polite' });
  const chips = el('ul', { class: 'tags tag-chips', 'aria-label': 'Chosen tags' });
  const vocabulary = () => options.vocabulary?.() ?? null;
  const isLocked = () => vocabulary()?.isLocked === true;

  const changed = () => {
    render();
    for (const listener of listeners) listener();
  };
  /** Every tag one may choose: the vocabulary's, then the layer's that it lacks (unless locked). */
  function candidates(): TagRecord[] {
    const own = vocabulary()?.tags ?? [];
    if (isLocked()) return own;
    const extra = options.known.filter((name) => !findTag(own, name)).map((name): TagRecord => ({ id: '', name, colour: null, description: '' }));
    return [...own, ...extra];
  }
  const add = (raw: string) => {
    const typed = raw.replace(/[,#]/g, '').trim();
    const entry = findTag(vocabulary()?.tags ?? [], typed);
    if (typed && !entry && isLocked()) {
      note.textContent = `This seminar’s tags are fixed: “${typed}” is not one of them. Choose one of its tags.`;
      return;
    }
    const tag = entry?.name ?? typed;
    if (tag && !tags.some((t) => tagKey(t) === tagKey(tag)) && tags.length < annotationLimits.tags) tags.push(tag);
    input.value = '';
    closeList();
    changed();
  };
  function showHint(): void {
    note.textContent = isLocked() ? 'This seminar’s tags are fixed: choose one of its tags.' : '';
    input.placeholder = isLocked() ? 'Choose one of the seminar’s tags' : 'Add a tag and press Enter';
  }
  function closeList(): void {
    suggestions = [];
    active = -1;
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function suggest(): void {
    const typed = tagKey(input.value.trim());
    const chosen = new Set(tags.map(tagKey));
    const open = candidates().filter((tag) => !chosen.has(tagKey(tag.name)));
    // Names that start with what is typed first, then those that contain it.
    suggestions = [
      ...open.filter((tag) => tagKey(tag.name).startsWith(typed)),
      ...open.filter((tag) => !tagKey(tag.name).startsWith(typed) && tagKey(tag.name).includes(typed)),
    ].slice(0, maxSuggestions);
    if (suggestions.length === 0 || (typed === '' && document.activeElement !== input)) return closeList();
    // Enter takes what is typed, a new tag perhaps, unless a suggestion is chosen with the arrows; when
    // locked nothing new can be typed, so the first suggestion is taken.
    active = typed !== '' && isLocked() ? 0 : -1;
    renderList();
  }
  function renderList(): void {
    list.replaceChildren(
      ...suggestions.map((tag, i) => {
        const swatch = tagSwatch(tag.colour);
        const option = el(
          'li',
          { id: `${listId}-${i}`, class: 'mention-option tag-option', role: 'option', 'aria-selected': String(i === active) },
          swatch,
          el('span', { class: 'tag-option-name' }, tag.name),
          tag.description ? el('span', { class: 'tag-option-description' }, tag.description) : null,
        );
        // Chosen on mousedown, before the field loses its focus.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          add(tag.name);
        });
        return option;
      }),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
  }
  function render(): void {
    showHint();
    chips.replaceChildren(
      ...tags.map((tag) => {
        const remove = el('button', { type: 'button', class: 'tag-remove', 'aria-label': `Remove tag ${tag}` }, '×');
        remove.addEventListener('click', () => {
          tags = tags.filter((t) => t !== tag);
          changed();
          input.focus();
        });
        const chip = el('li', { class: 'tag' }, tag, remove);
        const colour = findTag(vocabulary()?.tags ?? [], tag)?.colour;
        if (colour) chip.style.borderLeft = `0.25rem solid ${colour}`;
        return chip;
      }),
    );
  }
  input.addEventListener('input', suggest);
  input.addEventListener('focus', suggest);
  input.addEventListener('blur', closeList);
  input.addEventListener('keydown', (event) => {
    if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && suggestions.length > 0) {
      event.preventDefault();
      active = (active + (event.key === 'ArrowDown' ? 1 : -1) + suggestions.length) % suggestions.length;
      renderList();
    } else if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      closeList();
    } else if ((event.key === 'Enter' || event.key === ',') && (input.value.trim() !== '' || active >= 0)) {
      event.preventDefault();
      add(active >= 0 && suggestions[active] ? suggestions[active]!.name : input.value);
    } else if (event.key === 'Backspace' && input.value === '' && tags.length > 0) {
      tags.pop();
      changed();
    }
  });
  render();
  return {
    element: el('div', { class: 'tag-input' }, chips, el('div', { class: 'tag-field' }, input, list), note),
    values: () => [...tags],
    commit: () => {
      if (input.value.trim() !== '') add(input.value);
    },
    onChange: (listener) => listeners.push(listener),
  };
}
