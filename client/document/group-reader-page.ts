/**
 * The page at /groups/:groupId/documents/:documentId: the document with the seminar's layer of
 * annotations in the margin. It loads the document, the group (roles, members) and the session,
 * then hands them to the annotated reader. The rooms' connections start at once, beside those
 * fetches: the seminar's room as the page opens, the private one as soon as the session is known
 * (usually before the document), so that their sync, the largest thing the page waits for, is under
 * way while the rest loads. A room of a seminar one cannot read is refused by the server and closed
 * here with the page's error.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { el, statusMessage } from '../dom.ts';
import { mountAnnotatedReader } from '../margin/annotated-reader.ts';
import { openGroupRoom, openPrivateRoom, readerRooms, type ReaderRooms } from '../margin/reader-rooms.ts';
import type { Cleanup } from '../router.ts';
import { getDocument, type ApiResult } from '../services/api.ts';
import { getGroup } from '../services/groups-api.ts';
import type { RoomHandle } from '../services/room.ts';
import { loadSession, type SessionState } from '../services/session.ts';

export function renderGroupReaderPage(container: HTMLElement, groupId: string, documentId: string): Cleanup {
  let isCurrent = true;
  let cleanup: Cleanup = () => {};
  container.replaceChildren(statusMessage('loading', 'Loading the document and the seminar’s annotations…'));

  // Until the reader takes them over, the rooms are this page's to close.
  let groupRoom: RoomHandle | null = openGroupRoom(groupId, documentId);
  let ownRoom: RoomHandle | null = null;
  const closeRooms = () => {
    groupRoom?.destroy();
    ownRoom?.destroy();
    groupRoom = ownRoom = null;
  };
  const sessionLoaded = loadSession();
  void sessionLoaded.then((known) => {
    if (isCurrent && known.type === 'signed-in') ownRoom = openPrivateRoom(known.user.id, documentId);
  });

  void Promise.all([getDocument(documentId), getGroup(groupId), sessionLoaded]).then(([documentResult, groupResult, session]) => {
    if (!isCurrent) return;
    const rooms = groupRoom && ownRoom ? readerRooms(groupRoom, ownRoom) : undefined;
    if (!rooms) closeRooms();
    groupRoom = ownRoom = null;
    if (!mountPage(documentResult, groupResult, session, rooms)) rooms?.destroy();
  });

  /** Shows the reader, or what keeps it from showing; true once the reader owns the rooms. */
  function mountPage(documentResult: ApiResult<DocumentRecord>, groupResult: ApiResult<GroupRecord>, session: SessionState, rooms: ReaderRooms | undefined): boolean {
    const back = el('p', {}, el('a', { href: `/groups/${encodeURIComponent(groupId)}`, 'data-link': '' }, 'Back to the seminar'));
    if (session.type !== 'signed-in') {
      container.replaceChildren(
        statusMessage('error', 'Sign in to read this seminar’s annotations.'),
        el('p', {}, el('a', { href: `/signin?next=${encodeURIComponent(location.pathname)}`, 'data-link': '' }, 'Sign in')),
      );
      return false;
    }
    if (groupResult.type === 'error') {
      container.replaceChildren(statusMessage('error', groupResult.status === 404 ? 'No such seminar, or you are not a member of it.' : `Could not load the seminar: ${groupResult.message}`));
      return false;
    }
    if (documentResult.type === 'error') {
      container.replaceChildren(statusMessage('error', documentResult.status === 404 ? `No document with id “${documentId}”.` : `Could not load the document: ${documentResult.message}`), back);
      return false;
    }
    const group = groupResult.value;
    if (!group.documents.some((entry) => entry.id === documentId)) {
      container.replaceChildren(statusMessage('error', `“${documentResult.value.title}” is not one of ${group.name}’s documents.`), back);
      return false;
    }
    document.title = `${documentResult.value.title} · ${group.name} · Marginalia`;
    try {
      cleanup = mountAnnotatedReader(container, { record: documentResult.value, group, me: { id: session.user.id, name: session.user.name }, rooms });
      return true;
    } catch (error) {
      // A body that does not fit the schema is an import bug; say so rather than show a blank page.
      container.replaceChildren(statusMessage('error', `This document cannot be displayed: ${String(error)}`));
      return false;
    }
  }

  return () => {
    isCurrent = false;
    closeRooms();
    cleanup();
    document.title = 'Marginalia';
  };
}
