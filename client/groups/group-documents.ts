/**
 * The seminar's documents, each opening in the reader; owners and moderators add more from the
 * library (GET /api/documents), minus those already in the seminar.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import { el } from '../dom.ts';
import { field, messageLine, onSubmit, select } from '../forms.ts';
import { listDocuments } from '../services/api.ts';
import { addGroupDocument } from '../services/groups-api.ts';

export interface GroupDocuments {
  element: HTMLElement;
  render(group: GroupRecord): void;
}

export function createGroupDocuments(onChange: (group: GroupRecord) => void): GroupDocuments {
  const list = el('div', {});
  const addRegion = el('div', {});
  const message = messageLine();
  const element = el(
    'section',
    { class: 'group-section', 'aria-labelledby': 'documents-heading' },
    el('h2', { id: 'documents-heading' }, 'Documents'),
    list,
    addRegion,
    message.element,
  );
  let renderedFor: string | null = null;

  async function renderAddForm(group: GroupRecord): Promise<void> {
    const library = await listDocuments();
    if (library.type === 'error') {
      addRegion.replaceChildren(el('p', { class: 'form-message form-message-error' }, `Could not load the library: ${library.message}`));
      return;
    }
    const inGroup = new Set(group.documents.map((document) => document.id));
    const candidates = library.value.filter((document) => !inGroup.has(document.id));
    if (candidates.length === 0) {
      addRegion.replaceChildren(el('p', { class: 'quiet' }, 'Every document in the library is in this seminar.'));
      return;
    }
    const choice = select(candidates.map((document) => [document.id, document.title] as const), { name: 'documentId' });
    const form = el(
      'form',
      { class: 'inline-form', 'aria-label': 'Add a document' },
      field('Add a document from the library', choice),
      el('button', { type: 'submit', class: 'button-small' }, 'Add document'),
    );
    onSubmit(form, async () => {
      const result = await addGroupDocument(group.id, choice.value);
      if (result.type === 'error') {
        message.show('error', result.message);
        return;
      }
      message.show('success', 'Document added.');
      onChange(result.value);
    });
    addRegion.replaceChildren(form);
  }

  return {
    element,
    render(group) {
      list.replaceChildren(
        group.documents.length === 0
          ? el('p', { class: 'quiet' }, 'No documents yet.' + (canAdd(group) ? ' Add one from the library below.' : ''))
          : el(
              'ul',
              { class: 'group-document-list' },
              ...group.documents.map((document) =>
                el('li', {}, el('a', { href: `/groups/${encodeURIComponent(group.id)}/documents/${encodeURIComponent(document.id)}`, 'data-link': '' }, document.title)),
              ),
            ),
      );
      const key = `${group.role}:${group.documents.map((document) => document.id).join(',')}`;
      if (!canAdd(group)) addRegion.replaceChildren();
      else if (key !== renderedFor) void renderAddForm(group);
      renderedFor = key;
    },
  };
}

function canAdd(group: GroupRecord): boolean {
  return group.role === 'owner' || group.role === 'moderator';
}
