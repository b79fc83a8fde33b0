/**
 * The page at /groups/:groupId/documents/:documentId: the document with the seminar's layer of
 * annotations in the margin. It loads the document, the group (roles, members) and the session,
 * then hands them to the annotated reader.
 */
import { el, statusMessage } from '../dom.ts';
import { mountAnnotatedReader } from '../margin/annotated-reader.ts';
import type { Cleanup } from '../router.ts';
import { getDocument } from '../services/api.ts';
import { getGroup } from '../services/groups-api.ts';
import { loadSession } from '../services/session.ts';

export function renderGroupReaderPage(container: HTMLElement, groupId: string, documentId: string): Cleanup {
  let isCurrent = true;
  let cleanup: Cleanup = () => {};
  container.replaceChildren(statusMessage('loading', 'Loading the document and the seminar’s annotations…'));

  void Promise.all([getDocument(documentId), getGroup(groupId), loadSession()]).then(([documentResult, groupResult, session]) => {
    if (!isCurrent) return;
    const back = el('p', {}, el('a', { href: `/groups/${encodeURIComponent(groupId)}`, 'data-link': '' }, 'Back to the seminar'));
    if (session.type !== 'signed-in') {
      container.replaceChildren(
        statusMessage('error', 'Sign in to read this seminar’s annotations.'),
        el('p', {}, el('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}`, 'data-link': '' }, 'Sign in')),
      );
      return;
    }
    if (groupResult.type === 'error') {
      container.replaceChildren(statusMessage('error', groupResult.status === 404 ? 'No such seminar, or you are not a member of it.' : `Could not load the seminar: ${groupResult.message}`));
      return;
    }
    if (documentResult.type === 'error') {
      container.replaceChildren(statusMessage('error', documentResult.status === 404 ? `No document with id “${documentId}”.` : `Could not load the document: ${documentResult.message}`), back);
      return;
    }
    const group = groupResult.value;
    if (!group.documents.some((entry) => entry.id === documentId)) {
      container.replaceChildren(statusMessage('error', `“${documentResult.value.title}” is not one of ${group.name}’s documents.`), back);
      return;
    }
    document.title = `${documentResult.value.title} · ${group.name} · Marginalia`;
    try {
      cleanup = mountAnnotatedReader(container, { record: documentResult.value, group, me: { id: session.user.id, name: session.user.name } });
    } catch (error) {
      // A body that does not fit the schema is an import bug; say so rather than show a blank page.
      container.replaceChildren(statusMessage('error', `This document cannot be displayed: ${String(error)}`));
    }
  });

  return () => {
    isCurrent = false;
    cleanup();
    document.title = 'Marginalia';
  };
}
