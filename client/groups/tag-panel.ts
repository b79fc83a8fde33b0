/**
 * The seminar's tags on its page: each tag with its colour, description and how many live
 * annotations carry it, in all and by member. Moderators and the owner edit the vocabulary here
 * (add, rename, colour, describe, merge, delete); the owner locks it. Counts follow the seminar's
 * activity; the vocabulary follows the group's socket.
 */
import type { Role } from '../../shared/accounts.ts';
import type { TagRecord, TagUsage, TagVocabulary } from '../../shared/tag-vocabulary.ts';
import { el } from '../dom.ts';
import { tagSwatch } from '../margin/tag-swatch.ts';
import { input, messageLine, onSubmit, select, uniqueId } from '../forms.ts';
import type { ApiResult } from '../services/api.ts';
import { onActivity } from '../services/socket.ts';
import { addTag, changeTag, deleteTag, getTagUsage, mergeTag, setVocabularyLocked } from '../services/tags-api.ts';
import { watchVocabulary } from '../store/tag-vocabulary.ts';

export interface TagPanel {
  element: HTMLElement;
  setRole(role: Role): void;
  destroy(): void;
}

export function createTagPanel(groupId: string, initialRole: Role): TagPanel {
  let role = initialRole;
  let usage: TagUsage[] = [];
  const message = messageLine();
  const lockLine = el('p', { class: 'tag-lock-line' });
  const lockBox = el('input', { type: 'checkbox', id: 'tag-lock' });
  const lockControl = el('p', { class: 'tag-lock-control' }, lockBox, el('label', { for: 'tag-lock' }, 'Lock the vocabulary: members choose among these tags'));
  const body = el('tbody');
  const manageHeader = el('th', { scope: 'col' }, 'Manage');
  const table = el(
    'table',
    { class: 'tag-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Tag'), el('th', { scope: 'col' }, 'Annotations'), el('th', { scope: 'col' }, 'By member'), manageHeader)),
    body,
  );
  const addForm = createAddForm();
  const element = el(
    'section',
    { class: 'group-section tag-panel', 'aria-labelledby': 'tags-heading' },
    el('h2', { id: 'tags-heading' }, 'Tags'),
    lockLine,
    lockControl,
    message.element,
    // On a phone the table scrolls inside its box, not the page.
    el('div', { class: 'tag-table-wrap' }, table),
    addForm,
  );
  const isManager = () => role === 'owner' || role === 'moderator';
  const watch = watchVocabulary(groupId, () => {
    render();
    void loadUsage();
  });

  lockBox.addEventListener('change', () => void act(setVocabularyLocked(groupId, lockBox.checked), lockBox.checked ? 'The vocabulary is locked.' : 'Members may add tags again.'));

  async function loadUsage(): Promise<void> {
    const result = await getTagUsage(groupId);
    if (result.type === 'ok') {
      usage = result.value;
      render();
    }
  }

  /** Runs a change and shows its outcome; the vocabulary it answers is shown at once (the socket may lag). */
  async function act(pending: Promise<ApiResult<unknown>>, success: string): Promise<boolean> {
    const result = await pending;
    if (result.type === 'error') {
      message.show('error', result.message);
      render();
      return false;
    }
    message.show('success', success);
    watch.refresh();
    return true;
  }

  function render(): void {
    const vocabulary = watch.current();
    if (!vocabulary) return;
    lockLine.textContent = vocabulary.isLocked
      ? 'The vocabulary is locked: members choose among these tags.'
      : 'Members add new tags as they annotate; moderators rename, merge and colour them here.';
    lockControl.hidden = role !== 'owner';
    lockBox.checked = vocabulary.isLocked;
    manageHeader.hidden = !isManager();
    addForm.hidden = !isManager();
    const counted = new Map(usage.map((entry) => [entry.name, entry]));
    body.replaceChildren(
      ...(vocabulary.tags.length === 0 ? [el('tr', {}, el('td', { colspan: '4', class: 'muted' }, 'No tags yet.'))] : []),
      ...vocabulary.tags.map((tag) => renderRow(tag, counted.get(tag.name), vocabulary)),
    );
  }

  function renderRow(tag: TagRecord, used: TagUsage | undefined, vocabulary: TagVocabulary): HTMLElement {
    const swatch = tagSwatch(tag.colour);
    const row = el(
      'tr',
      { 'data-tag': tag.name },
      el('td', {}, swatch, el('span', { class: 'tag-name' }, tag.name), tag.description ? el('div', { class: 'field-hint' }, tag.description) : null),
      el('td', { class: 'tag-count' }, String(used?.count ?? 0)),
      el('td', {}, el('ul', { class: 'tag-by-member' }, ...(used?.byMember ?? []).map((member) => el('li', {}, `${member.name}: ${member.count}`)))),
    );
    if (isManager()) row.append(el('td', {}, renderManage(tag, vocabulary)));
    return row;
  }

  function renderManage(tag: TagRecord, vocabulary: TagVocabulary): HTMLElement {
    const name = input({ value: tag.name, 'aria-label': `Name of ${tag.name}`, class: 'tag-edit-name' });
    const colour = el('input', { type: 'color', value: tag.colour ?? '#888888', 'aria-label': `Colour of ${tag.name}` });
    const description = input({ value: tag.description, 'aria-label': `Description of ${tag.name}`, placeholder: 'What the tag is for' });
    const save = el('button', { type: 'submit', class: 'button-small' }, 'Save');
    const form = el('form', { class: 'tag-edit' }, name, colour, description, save);
    onSubmit(form, async () => {
      const change = { name: name.value.trim(), colour: colour.value, description: description.value.trim() };
      const isRename = change.name !== tag.name;
      await act(changeTag(groupId, tag.id, change), isRename ? `“${tag.name}” is now “${change.name}” in every annotation.` : `“${tag.name}” is saved.`);
    });
    const others = vocabulary.tags.filter((other) => other.id !== tag.id);
    const intoId = uniqueId('merge-into');
    const into = select(others.map((other) => [other.id, other.name] as const), { id: intoId });
    const merge = el('button', { type: 'button', class: 'button-small' }, 'Merge');
    into.setAttribute('aria-label', `Merge ${tag.name} into`);
    merge.addEventListener('click', () => {
      const target = others.find((other) => other.id === into.value);
      if (!target || !window.confirm(`Merge “${tag.name}” into “${target.name}”? Every annotation tagged “${tag.name}” will carry “${target.name}” instead.`)) return;
      void act(mergeTag(groupId, tag.id, target.id), `“${tag.name}” is merged into “${target.name}”.`);
    });
    const remove = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Delete');
    remove.addEventListener('click', () => {
      if (!window.confirm(`Delete “${tag.name}”? It is taken off every annotation that carries it.`)) return;
      void act(deleteTag(groupId, tag.id), `“${tag.name}” is deleted.`);
    });
    // Folded: the table stays a list of tags to read, and each opens to its controls.
    return el(
      'details',
      { class: 'tag-manage' },
      el('summary', {}, 'Edit'),
      form,
      el('div', { class: 'tag-manage-actions' }, ...(others.length > 0 ? [el('label', { for: intoId }, 'Merge into'), into, merge] : []), remove),
    );
  }

  function createAddForm(): HTMLFormElement {
    const name = input({ id: 'tag-new-name', placeholder: 'New tag', 'aria-label': 'New tag', required: '' });
    const colour = el('input', { type: 'color', id: 'tag-new-colour', value: '#2980b9', 'aria-label': 'Colour of the new tag' });
    const description = input({ id: 'tag-new-description', placeholder: 'What it is for', 'aria-label': 'Description of the new tag' });
    const form = el('form', { class: 'tag-add' }, name, colour, description, el('button', { type: 'submit', class: 'button-small' }, 'Add tag'));
    onSubmit(form, async () => {
      if (await act(addTag(groupId, { name: name.value.trim(), colour: colour.value, description: description.value.trim() }), `“${name.value.trim()}” is added.`)) {
        name.value = '';
        description.value = '';
      }
    });
    return form;
  }

  const stopActivity = onActivity((item) => {
    if (item.groupId === groupId) void loadUsage();
  });
  void loadUsage();
  return {
    element,
    setRole(next) {
      role = next;
      render();
    },
    destroy() {
      watch.stop();
      stopActivity();
    },
  };
}
