/** The header's search box: Enter opens the search page with the words, where searching goes on as one types. */
import { el } from '../dom.ts';
import { navigate } from '../router.ts';
import { searchPath } from './search-query.ts';

export function headerSearchBox(): HTMLElement {
  const input = el('input', { type: 'search', name: 'q', 'aria-label': 'Search annotations', placeholder: 'Search', class: 'header-search-input', maxlength: '200' });
  const form = el('form', { class: 'header-search', role: 'search' }, input);
  // On the search page itself the page's own box is the one in use.
  form.hidden = location.pathname === '/search';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim() === '') return;
    navigate(searchPath({ q: input.value, filters: {} }));
  });
  return form;
}
