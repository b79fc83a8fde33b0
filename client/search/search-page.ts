/**
 * /search: the annotations, replies and private notes the reader may read, searched as they type
 * (the last word counts as the start of a word until a space follows it), narrowed by filters, ranked.
 * Each result links to the reader, opened at its annotation. Only the latest question's answer is
 * shown: an answer to an older one arriving late is dropped.
 */
import type { SearchAnswer, SearchFilters } from '../../shared/search-results.ts';
import type { GroupRecord, GroupSummary } from '../../shared/accounts.ts';
import { requireSignIn } from '../account/require-sign-in.ts';
import { el, statusMessage } from '../dom.ts';
import type { Cleanup } from '../router.ts';
import { getGroup, listGroups } from '../services/groups-api.ts';
import { searchAnnotations } from './search-api.ts';
import { readSearchState, searchPath, type SearchState } from './search-query.ts';
import { renderSearchResult } from './search-result.ts';

const typingPauseMs = 200;

export function renderSearchPage(container: HTMLElement): Cleanup {
  return requireSignIn(container, () => {
    const state: SearchState = readSearchState(location.search);
    let asked = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const input = el('input', { type: 'search', name: 'q', class: 'search-input', 'aria-label': 'Search annotations', placeholder: 'Words, "a phrase", -without', autocomplete: 'off', maxlength: '200' });
    input.value = state.q;
    const groupSelect = select('group', 'Seminar', [['', 'All I can read'], ['private', 'My private notes']]);
    const documentSelect = select('document', 'Document', [['', 'Any document']]);
    const memberSelect = select('member', 'Member', [['', 'Anyone']]);
    const statusSelect = select('status', 'Status', [['', 'Open or resolved'], ['open', 'Open'], ['resolved', 'Resolved']]);
    const tagInput = el('input', { type: 'text', name: 'tag', 'aria-label': 'Tag', placeholder: 'tag', maxlength: '60' });
    const fromInput = el('input', { type: 'date', name: 'from', 'aria-label': 'Written from' });
    const toInput = el('input', { type: 'date', name: 'to', 'aria-label': 'Written until' });
    const fields = { group: groupSelect, document: documentSelect, member: memberSelect, status: statusSelect, tag: tagInput, from: fromInput, to: toInput };
    for (const [name, field] of Object.entries(fields)) field.value = state.filters[name as keyof SearchFilters] ?? '';

    const summary = el('p', { class: 'search-summary', role: 'status', 'aria-live': 'polite' });
    const list = el('ol', { class: 'search-results' });
    const more = el('button', { type: 'button', class: 'search-more', hidden: '' }, 'More results');
    const form = el(
      'form',
      { class: 'search-form', role: 'search' },
      input,
      el('fieldset', { class: 'search-filters' }, el('legend', {}, 'Narrow to'), groupSelect, documentSelect, memberSelect, statusSelect, tagInput, fromInput, toInput),
    );
    container.replaceChildren(el('h1', {}, 'Search'), form, summary, list, more);
    document.title = 'Search · Marginalia';
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);

    let groups: GroupSummary[] = [];
    void listGroups().then((result) => {
      if (result.type !== 'ok') return;
      groups = result.value;
      groupSelect.append(...groups.map((group) => el('option', { value: group.id }, group.name)));
      groupSelect.value = state.filters.group ?? '';
      void fillGroupChoices();
    });

    /** Documents and members come from the chosen seminar; without one, members are not listed. */
    async function fillGroupChoices(): Promise<void> {
      const groupId = groupSelect.value;
      const group: GroupRecord | null = groupId && groupId !== 'private' ? await getGroup(groupId).then((result) => (result.type === 'ok' ? result.value : null)) : null;
      documentSelect.replaceChildren(el('option', { value: '' }, 'Any document'), ...(group?.documents ?? []).map((doc) => el('option', { value: doc.id }, doc.title)));
      memberSelect.replaceChildren(el('option', { value: '' }, 'Anyone'), ...(group?.members ?? []).map((member) => el('option', { value: member.userId }, member.name)));
      documentSelect.value = state.filters.document ?? '';
      memberSelect.value = state.filters.member ?? '';
      memberSelect.disabled = group === null;
    }

    function readForm(): void {
      state.q = input.value;
      const filters: SearchFilters = {};
      for (const [name, field] of Object.entries(fields)) if (field.value) (filters as Record<string, string>)[name] = field.value;
      state.filters = filters;
      history.replaceState(null, '', searchPath(state));
    }

    async function run(offset: number): Promise<void> {
      const ask = ++asked;
      if (state.q.trim() === '') {
        list.replaceChildren();
        summary.replaceChildren('Type a word to search the annotations, replies and notes you can read.');
        more.hidden = true;
        return;
      }
      if (offset === 0) summary.replaceChildren('Searching…');
      const result = await searchAnnotations(state.q, state.filters, offset);
      if (ask !== asked) return;
      if (result.type === 'error') {
        summary.replaceChildren(statusMessage('error', result.message));
        return;
      }
      show(result.value, offset);
    }

    function show(answer: SearchAnswer, offset: number): void {
      const items = answer.results.map(renderSearchResult);
      if (offset === 0) list.replaceChildren(...items);
      else list.append(...items);
      const count = list.children.length;
      summary.replaceChildren(
        count === 0 ? 'Nothing you can read matches.' : `${count}${answer.nextOffset === null ? '' : '+'} result${count === 1 ? '' : 's'}, best first.`,
        answer.isTruncated ? ' Very many passages match: add a word or a filter to see the best of them.' : '',
      );
      more.hidden = answer.nextOffset === null;
      more.onclick = () => answer.nextOffset !== null && void run(answer.nextOffset);
    }

    const searchSoon = () => {
      readForm();
      clearTimeout(timer);
      timer = setTimeout(() => void run(0), typingPauseMs);
    };
    input.addEventListener('input', searchSoon);
    form.addEventListener('change', (event) => {
      if (event.target === groupSelect) {
        delete state.filters.document;
        delete state.filters.member;
        void fillGroupChoices().then(searchSoon);
      } else searchSoon();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      readForm();
      clearTimeout(timer);
      void run(0);
    });
    void run(0);

    return () => {
      asked += 1;
      clearTimeout(timer);
      document.title = 'Marginalia';
    };
  });
}

function select(name: string, label: string, options: [string, string][]): HTMLSelectElement {
  return el('select', { name, 'aria-label': label }, ...options.map(([value, text]) => el('option', { value }, text)));
}
