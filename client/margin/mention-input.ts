/**
 * @mention autocompletion on a textarea: typing `@` and the start of a name opens a list of the
 * group's members who match; Up/Down move through it, Enter or Tab (or a click) writes the chosen
 * member as a mention link, Escape closes it. The textarea is an ARIA combobox whose popup is the
 * list (aria-expanded, aria-controls, aria-activedescendant), so focus never leaves the text.
 *
 * Keys the list uses are marked `defaultPrevented`; the forms around it leave such keys alone, so
 * Escape closes the list without also cancelling the form.
 */
import { el } from '../dom.ts';
import { mentionMembers } from './mention-members.ts';
import { findMentionQuery, insertMention, matchMembers, type MentionMember, type MentionQuery } from './mention-query.ts';

export interface MentionInputOptions {
  /** The group whose members may be mentioned, or null (one's private notes): asked at every `@`. */
  groupId(): string | null;
}

export interface MentionInput {
  /** The textarea with its list under it: put it where the textarea would go. */
  element: HTMLElement;
  close(): void;
}

/** Keys that move the caret without typing: the `@query` around the caret may have changed. */
const caretKeys = new Set(['ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

export function attachMentionInput(textarea: HTMLTextAreaElement, options: MentionInputOptions): MentionInput {
  const listId = `${textarea.id}-mentions`;
  const list = el('ul', { id: listId, class: 'mention-list', role: 'listbox', 'aria-label': 'Members to mention', hidden: '' });
  textarea.setAttribute('role', 'combobox');
  textarea.setAttribute('aria-autocomplete', 'list');
  textarea.setAttribute('aria-controls', listId);
  textarea.setAttribute('aria-expanded', 'false');

  let query: MentionQuery | null = null;
  let matches: MentionMember[] = [];
  let active = 0;
  /** Answers from the members' fetch that arrive after the text moved on are dropped. */
  let lookup = 0;

  const optionId = (index: number) => `${listId}-${index}`;

  function render(): void {
    list.replaceChildren(
      ...matches.map((member, index) =>
        el('li', { id: optionId(index), role: 'option', class: 'mention-option', 'aria-selected': String(index === active), 'data-index': String(index) }, member.name),
      ),
    );
    list.hidden = false;
    textarea.setAttribute('aria-expanded', 'true');
    textarea.setAttribute('aria-activedescendant', optionId(active));
  }

  function close(): void {
    lookup += 1;
    query = null;
    matches = [];
    list.hidden = true;
    list.replaceChildren();
    textarea.setAttribute('aria-expanded', 'false');
    textarea.removeAttribute('aria-activedescendant');
  }

  function update(): void {
    const groupId = options.groupId();
    const found = groupId !== null && textarea.selectionStart === textarea.selectionEnd ? findMentionQuery(textarea.value, textarea.selectionStart) : null;
    if (groupId === null || found === null) {
      close();
      return;
    }
    const token = ++lookup;
    void mentionMembers(groupId).then((members) => {
      if (token !== lookup || document.activeElement !== textarea) return;
      const previous = matches[active]?.userId;
      matches = matchMembers(members, found.query);
      if (matches.length === 0) {
        close();
        return;
      }
      query = found;
      // Typing on keeps the member one had moved to, if it still matches.
      active = Math.max(0, matches.findIndex((member) => member.userId === previous));
      render();
    });
  }

  function choose(index: number): void {
    const member = matches[index];
    if (!query || !member) return;
    const next = insertMention(textarea.value, query, member);
    close();
    textarea.value = next.text;
    textarea.setSelectionRange(next.caret, next.caret);
    // The forms keep drafts and "is replying" from input events.
    textarea.dispatchEvent(new Event('input', { bubbles: true }));
  }

  textarea.addEventListener('keydown', (event) => {
    if (list.hidden || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      active = (active + (event.key === 'ArrowDown' ? 1 : matches.length - 1)) % matches.length;
      render();
    } else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) {
      choose(active);
    } else if (event.key === 'Escape') {
      close();
    } else {
      return;
    }
    event.preventDefault();
  });
  textarea.addEventListener('input', update);
  textarea.addEventListener('click', update);
  textarea.addEventListener('keyup', (event) => {
    if (caretKeys.has(event.key)) update();
  });
  textarea.addEventListener('blur', close);
  // Pressing an option must not take the focus (and so close the list) before the click chooses.
  list.addEventListener('mousedown', (event) => event.preventDefault());
  list.addEventListener('click', (event) => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (option) choose(Number(option.dataset.index));
  });

  return { element: el('div', { class: 'mention-field' }, textarea, list), close };
}
