/** The margin's filter controls: tag, member, open/resolved, mine. */
import type { MemberRecord } from '../../shared/accounts.ts';
import { el } from '../dom.ts';
import type { Filters } from '../store/filters.ts';

export interface FiltersBar {
  element: HTMLElement;
  update(tags: string[], members: MemberRecord[]): void;
}

export function createFiltersBar(filters: Filters, onChange: () => void): FiltersBar {
  const tag = el('select', { id: 'filter-tag' });
  const member = el('select', { id: 'filter-member' });
  const status = el('select', { id: 'filter-status' }, el('option', { value: 'all' }, 'Open and resolved'), el('option', { value: 'open' }, 'Open'), el('option', { value: 'resolved' }, 'Resolved'));
  const mine = el('input', { id: 'filter-mine', type: 'checkbox' });
  const element = el(
    'fieldset',
    { class: 'filters' },
    el('legend', { class: 'visually-hidden' }, 'Filter the margin'),
    el('label', { for: 'filter-tag' }, 'Tag'),
    tag,
    el('label', { for: 'filter-member' }, 'Member'),
    member,
    el('label', { for: 'filter-status' }, 'Status'),
    status,
    el('span', { class: 'filter-mine' }, mine, el('label', { for: 'filter-mine' }, 'Mine')),
  );
  tag.addEventListener('change', () => {
    filters.tag = tag.value || null;
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
  let key = '';
  return {
    element,
    update(tags, members) {
      const next = JSON.stringify([tags, members.map((m) => [m.userId, m.name])]);
      if (next === key) return;
      key = next;
      tag.replaceChildren(el('option', { value: '' }, 'All tags'), ...tags.map((value) => el('option', { value }, value)));
      tag.value = filters.tag ?? '';
      member.replaceChildren(el('option', { value: '' }, 'Everyone'), ...members.map((m) => el('option', { value: m.userId }, m.name)));
      member.value = filters.authorId ?? '';
    },
  };
}
