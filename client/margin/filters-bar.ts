/**
 * The margin's filter controls: tags (several, any or all of them), member, open/resolved, mine,
 * and whether highlights take their tags' colours.
 */
import type { MemberRecord } from '../../shared/accounts.ts';
import { el } from '../dom.ts';
import { tagSwatch } from './tag-swatch.ts';
import type { Filters, TagMatch } from '../store/filters.ts';

/** A tag the filter offers: the vocabulary's, with its colour, or one only the private notes carry. */
export interface FilterTag {
  name: string;
  colour: string | null;
}

export interface FiltersBar {
  element: HTMLElement;
  update(tags: FilterTag[], members: MemberRecord[]): void;
}

export function createFiltersBar(filters: Filters, onChange: () => void): FiltersBar {
  const tagSummary = el('summary', { id: 'filter-tags-summary' });
  const tagList = el('div', { class: 'tag-filter-list', role: 'group', 'aria-label': 'Tags to show' });
  const tagPicker = el('details', { class: 'tag-filter', id: 'filter-tags' }, tagSummary, tagList);
  const match = el('select', { id: 'filter-tag-match', 'aria-label': 'Annotations with' }, el('option', { value: 'any' }, 'any of these tags'), el('option', { value: 'all' }, 'all of these tags'));
  const member = el('select', { id: 'filter-member' });
  const status = el('select', { id: 'filter-status' }, el('option', { value: 'all' }, 'Open and resolved'), el('option', { value: 'open' }, 'Open'), el('option', { value: 'resolved' }, 'Resolved'));
  const mine = el('input', { id: 'filter-mine', type: 'checkbox' });
  const colour = el('input', { id: 'filter-colour-tags', type: 'checkbox' });
  const element = el(
    'fieldset',
    { class: 'filters' },
    el('legend', { class: 'visually-hidden' }, 'Filter the margin'),
    el('span', { class: 'filter-label' }, 'Tags'),
    tagPicker,
    match,
    el('label', { for: 'filter-member' }, 'Member'),
    member,
    el('label', { for: 'filter-status' }, 'Status'),
    status,
    el('span', { class: 'filter-mine' }, mine, el('label', { for: 'filter-mine' }, 'Mine')),
    el('span', { class: 'filter-mine' }, colour, el('label', { for: 'filter-colour-tags' }, 'Colour by tag')),
  );

  function showChosen(): void {
    const count = filters.tags.length;
    tagSummary.textContent = count === 0 ? 'All tags' : count === 1 ? filters.tags[0]! : `${count} tags`;
    match.hidden = count < 2;
  }
  tagList.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    filters.tags = box.checked ? [...filters.tags, box.value] : filters.tags.filter((tag) => tag !== box.value);
    showChosen();
    onChange();
  });
  match.addEventListener('change', () => {
    filters.tagMatch = match.value as TagMatch;
    onChange();
  });
  member.addEventListener('change', () => {
    filters.authorId = member.value || null;
    onChange();
  });
  status.addEventListener('change', () => {
    filters.status = status.value as Filters['status'];
    onChange();
  });
  mine.addEventListener('change', () => {
    filters.isMineOnly = mine.checked;
    onChange();
  });
  colour.addEventListener('change', () => {
    filters.isColouredByTag = colour.checked;
    onChange();
  });
  let key = '';
  return {
    element,
    update(tags, members) {
      const next = JSON.stringify([tags, members.map((m) => [m.userId, m.name])]);
      if (next === key) return;
      key = next;
      // A chosen tag that was renamed or merged away no longer filters anything.
      const names = new Set(tags.map((tag) => tag.name));
      const kept = filters.tags.filter((tag) => names.has(tag));
      if (kept.length !== filters.tags.length) {
        filters.tags = kept;
        queueMicrotask(onChange);
      }
      tagList.replaceChildren(
        ...(tags.length === 0 ? [el('p', { class: 'muted' }, 'No tags yet')] : []),
        ...tags.map((tag) => {
          const box = el('input', { type: 'checkbox', value: tag.name });
          box.checked = filters.tags.includes(tag.name);
          const swatch = tagSwatch(tag.colour);
          return el('label', { class: 'tag-filter-option' }, box, swatch, tag.name);
        }),
      );
      showChosen();
      match.value = filters.tagMatch;
      member.replaceChildren(el('option', { value: '' }, 'Everyone'), ...members.map((m) => el('option', { value: m.userId }, m.name)));
      member.value = filters.authorId ?? '';
    },
  };
}
