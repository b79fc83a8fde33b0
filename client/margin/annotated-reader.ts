/**
 * The document with a seminar's layer: the read-only reader with its highlights, the margin of
 * cards, the composer, filters, presence and the connection state. This module wires the store
 * (annotations, filters, drafts, connection) to the services (rooms, command queue) and the views;
 * it holds no anchoring maths (shared/anchoring.ts) and no I/O of its own.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import type { AnnotationRecord, Command } from '../../shared/annotations.ts';
import type { Anchor } from '../../shared/anchoring.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { roomNameOf } from '../../shared/rooms.ts';
import { describeRange } from '../../shared/selectors.ts';
import { describeSelection } from '../anchoring/describe-selection.ts';
import { renderCitation } from '../document/citation.ts';
import { annotationLayerPlugin, showLayer } from '../document/highlights.ts';
import { enableKeyboardSelection } from '../document/keyboard-selection.ts';
import { createReader } from '../document/reader.ts';
import { openHistoryPanel } from '../history/history-panel.ts';
import { createReplaySlider } from '../history/replay-slider.ts';
import { createSeminarMode, type SeminarMode } from '../seminar/seminar-mode.ts';
import type { Layer } from '../services/history-api.ts';
import { createSelectionBar } from '../document/selection-bar.ts';
import { el } from '../dom.ts';
import type { Cleanup } from '../router.ts';
import { request } from '../services/api.ts';
import { createCommandQueue, type CommandOutcome } from '../services/command-queue.ts';
import { openRoom, type RoomHandle } from '../services/room.ts';
import { getGroup } from '../services/groups-api.ts';
import { isSocketConnected, onGroupMembership, onSocketConnection } from '../services/socket.ts';
import { createAcknowledgedRecords } from '../store/acknowledged.ts';
import { buildLayer, type AnnotationItem, type Author, type LayerView } from '../store/annotations.ts';
import { connectionLabel, type ConnectionState } from '../store/connection.ts';
import { isFiltering, matchesFilters, noFilters, type Filters } from '../store/filters.ts';
import { describeCommand, keepRefusedDraft } from '../store/refusals.ts';
import { citePassage, permalinkOf } from './cite.ts';
import { createComposer } from './composer.ts';
import { createFiltersBar } from './filters-bar.ts';
import { createMargin } from './margin.ts';
import { canWrite, type MarginContext } from './margin-context.ts';
import { createPresenceSession } from './presence-session.ts';
import { bindReaderShortcuts } from './reader-shortcuts.ts';

export interface AnnotatedReaderInput {
  record: DocumentRecord;
  /** The seminar whose layer is shown; null on the plain reader, which shows only private notes. */
  group: GroupRecord | null;
  me: Author;
}

/** The seminar report with the margin's filters (client/report/report-page.ts reads them back). */
function reportPath(groupId: string, documentId: string, filters: Filters): string {
  const query = new URLSearchParams();
  if (filters.tag !== null) query.set('tag', filters.tag);
  if (filters.authorId !== null) query.set('author', filters.authorId);
  if (filters.status !== 'all') query.set('status', filters.status);
  if (filters.isMineOnly) query.set('mine', '1');
  const search = query.toString();
  return `/groups/${encodeURIComponent(groupId)}/documents/${encodeURIComponent(documentId)}/report${search ? `?${search}` : ''}`;
}

export function mountAnnotatedReader(container: HTMLElement, input: AnnotatedReaderInput): Cleanup {
  const { record, group, me } = input;
  const scope = `${group?.id ?? 'private'}/${record.id}`;
  const mount = el('article', { class: 'reader', 'data-document-id': record.id, 'data-version': String(record.version) });
  const reader = createReader(mount, record.body, [annotationLayerPlugin()]);
  const { view, textMap } = reader;
  const stopKeyboardSelection = enableKeyboardSelection(view.dom);

  // --- state ---------------------------------------------------------------------------------
  const filters: Filters = { ...noFilters };
  let focusedId: string | null = null;
  let layer: LayerView = { annotations: [], byId: new Map(), replies: new Map(), tags: [] };
  const anchors = new Map<string, Anchor>();
  const acknowledged = createAcknowledgedRecords();
  let notice: { text: string; kept: string | null } | null = null;
  let closedReason: string | null = null;
  /** The past layer shown while replaying, or null for the live one. */
  let replayed: Layer | null = null;
  /** Present / follow (set up with presence, below). */
  let seminar: SeminarMode | null = null;

  // --- views ---------------------------------------------------------------------------------
  const avatars = el('div', { class: 'readers-here' });
  const connection = el('p', { class: 'connection', role: 'status', 'aria-live': 'polite' });
  const notices = el('div', { class: 'margin-notices', 'aria-live': 'polite' });
  const composerSlot = el('div', { class: 'composer-slot' });
  const filtersBar = createFiltersBar(filters, () => refresh());
  const context: MarginContext = {
    me,
    // One's own private notes: written as a member would, moderated by no one.
    role: group?.role ?? 'member',
    groupId: group?.id ?? null,
    documentId: record.id,
    submit: (command) => submit(command),
    focus: (id, options) => focus(id, options),
    cite: (item) => cite(item),
    setReplying: (id) => presence.set('replying', id),
    replyingTo: (id) => presence.replyingTo(id),
    knownTags: () => layer.tags,
    revealHidden: async (id) => {
      const result = await request<{ annotation: AnnotationRecord }>('GET', `/api/annotations/${encodeURIComponent(id)}`);
      return result.type === 'ok' ? result.value.annotation.body : null;
    },
    openHistory: (item) =>
      openHistoryPanel({
        annotationId: item.record.id,
        canRestore: item.record.authorId === me.id && canWrite(context),
        currentBody: item.record.body,
        currentTags: item.record.tags,
        submit,
      }),
    isReplaying: () => replayed !== null,
  };
  const seminarSlot = el('div', { class: 'seminar-slot' });
  const timelineLink = group ? el('a', { href: `/groups/${encodeURIComponent(group.id)}/documents/${encodeURIComponent(record.id)}/history`, 'data-link': '' }, 'History of this document') : null;
  const reportLink = group ? el('a', { class: 'report-link', href: '', 'data-link': '' }, 'Seminar report') : null;
  const replay = group
    ? createReplaySlider(group.id, record.id, (past) => {
        replayed = past;
        applyRole();
        refresh();
      })
    : null;
  const margin = createMargin(context, anchorTop, () => mount.getBoundingClientRect().top);
  const marginAside = el(
    'aside',
    { class: 'margin', 'aria-label': 'Margin: annotations' },
    // The composer and notices stay in view wherever the reader has scrolled to.
    el('div', { class: 'margin-sticky' }, composerSlot, notices),
    margin.element,
  );
  const bar = createSelectionBar(reader, record.citation?.firstPage ?? null);
  const annotateButton = el('button', { type: 'button', class: 'button-primary annotate-button', 'aria-keyshortcuts': 'A Control+Alt+M', disabled: '' }, 'Annotate');
  const roleNote = el('span', { class: 'role-note' });
  let members = group?.members ?? [{ userId: me.id, name: me.name, role: 'member' as const, joinedAt: '', isOnline: true }];
  /** Shows what this person's role allows; called again when the role changes live. */
  function applyRole(): void {
    if (canWrite(context)) bar.element.append(annotateButton);
    else {
      annotateButton.remove();
      composerSlot.replaceChildren();
    }
    roleNote.textContent = context.role === 'observer' ? ' · you are observing' : '';
  }
  applyRole();
  container.replaceChildren(
    el(
      'div',
      { class: 'annotated-page' },
      el(
        'header',
        { class: 'annotated-header' },
        el(
          'p',
          { class: 'annotated-group' },
          group ? el('a', { href: `/groups/${encodeURIComponent(group.id)}`, 'data-link': '' }, group.name) : 'Your private notes',
          roleNote,
        ),
        renderCitation(record.citation),
        // The filters sit up here, so the whole margin is free for cards beside their passages.
        el('div', { class: 'annotated-status' }, avatars, filtersBar.element, connection),
        replay?.element,
        seminarSlot,
        el('p', { class: 'document-links' }, timelineLink, reportLink ? ' · ' : null, reportLink),
      ),
      // The selection bar sticks to the bottom of the text's column, clear of the margin.
      el('div', { class: 'annotated-body' }, el('div', { class: 'reader-column' }, mount, bar.element), marginAside),
    ),
  );

  // --- services ------------------------------------------------------------------------------
  const roomListeners = {
    onChange: () => refresh(),
    onStatus: (status: string, detail: string | null) => {
      if (status === 'closed') closedReason = detail;
      showConnection();
    },
    onAwarenessReplaced: () => presence.start(),
  };
  const groupRoom: RoomHandle | null = group ? openRoom(roomNameOf({ type: 'group', groupId: group.id, documentId: record.id }), roomListeners) : null;
  const privateRoom: RoomHandle = openRoom(roomNameOf({ type: 'private', userId: me.id, documentId: record.id }), {
    ...roomListeners,
    onAwarenessReplaced: () => (groupRoom ? undefined : presence.start()),
  });
  /** Presence lives on the group's room; on the plain reader, on one's own (where one is alone). */
  const presenceRoom = groupRoom ?? privateRoom;
  const queue = createCommandQueue(scope, {
    onChange: () => refresh(),
    onOutcome: (command, outcome) => {
      if (outcome.type === 'applied') {
        acknowledged.remember(command, outcome);
      } else if (outcome.type === 'refused') {
        const kept = keepRefusedDraft(command, scope);
        notice = { text: `Not saved (${describeCommand(command)}): ${outcome.message}.${kept ? ' Your text is kept:' : ''}`, kept };
      }
      refresh();
    },
  });
  const stopConnection = onSocketConnection(() => showConnection());
  // A role changed by an owner, or a removal, applies at once, without a reload.
  const stopMembership = onGroupMembership((event) => {
    if (!group || event.groupId !== group.id) return;
    if (event.type === 'removed') {
      closedReason = 'you are no longer a member of this seminar';
      context.role = null;
      applyRole();
      refresh();
    } else if (event.type === 'updated') {
      void getGroup(group.id).then((result) => {
        if (result.type !== 'ok') return;
        context.role = result.value.role;
        members = result.value.members;
        applyRole();
        refresh();
      });
    }
  });

  function submit(command: Command): Promise<CommandOutcome> {
    return queue.submit(command);
  }

  // --- rendering -----------------------------------------------------------------------------
  let isRefreshQueued = false;
  let isDestroyed = false;
  function refresh(): void {
    if (isRefreshQueued) return;
    isRefreshQueued = true;
    requestAnimationFrame(() => {
      isRefreshQueued = false;
      // A refresh queued just before the page was left (a link followed) finds the view destroyed.
      if (isDestroyed) return;
      renderAll();
    });
  }

  function renderAll(): void {
    const rooms = [groupRoom, privateRoom].flatMap((room) => (room ? [room] : [])).map((room) => ({ annotations: room.annotations(), replies: room.replies() }));
    acknowledged.prune(rooms);
    const past = replayed;
    layer = buildLayer(
      past
        ? // Replaying: the past layer alone, without this person's pending changes.
          { text: textMap.text, me, groupId: group?.id ?? null, rooms: () => [past], pending: () => [], acknowledged: () => ({ annotations: [], replies: [] }) }
        : {
            text: textMap.text,
            me,
            groupId: group?.id ?? null,
            rooms: () => rooms,
            pending: () => queue.pending(),
            acknowledged: () => acknowledged.current(),
          },
      anchors,
    );
    const shown = layer.annotations.filter((item) => item.record.id === focusedId || matchesFilters(item, filters, me.id));
    showLayer(view, textMap, {
      highlights: shown.flatMap((item) =>
        item.anchor.type === 'anchored' && !item.record.isDeleted
          ? [{ id: item.record.id, start: item.anchor.start, end: item.anchor.end, kind: item.record.kind, isPending: item.isPending }]
          : [],
      ),
      focusedId,
      remote: presence.remoteSelections(),
    });
    filtersBar.update(layer.tags, members);
    seminar?.update();
    if (reportLink && group) reportLink.setAttribute('href', reportPath(group.id, record.id, filters));
    margin.render({ layer, shown, focusedId, isLoading: !presenceRoom.isSynced() && layer.annotations.length === 0, isFiltered: isFiltering(filters) });
    notices.replaceChildren(...(notice ? [noticeElement(notice)] : []));
    showConnection();
    openPermalinkOnce();
  }

  function noticeElement({ text, kept }: { text: string; kept: string | null }): HTMLElement {
    const dismiss = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Dismiss');
    dismiss.addEventListener('click', () => {
      notice = null;
      refresh();
    });
    return el('div', { class: 'notice', role: 'alert' }, el('div', {}, el('p', {}, text), kept ? el('blockquote', { class: 'notice-kept' }, kept) : null), dismiss);
  }

  function showConnection(): void {
    let state: ConnectionState;
    if (closedReason) state = { type: 'closed', reason: closedReason };
    else if (!navigator.onLine) state = { type: 'offline' };
    else if (isSocketConnected() && presenceRoom.status() === 'connected') state = { type: 'live' };
    else state = { type: 'connecting' };
    connection.textContent = connectionLabel(state, queue.pending().length);
    connection.dataset.state = state.type;
  }

  function anchorTop(item: AnnotationItem): number | null {
    if (item.anchor.type !== 'anchored') return null;
    try {
      return view.coordsAtPos(textMap.posAt(item.anchor.start, 1)).top - mount.getBoundingClientRect().top;
    } catch {
      // A position the view cannot measure (not rendered): the card goes to the top of the run.
      return null;
    }
  }

  function focus(id: string | null, options: { scroll?: boolean; focusCard?: boolean } = {}): void {
    focusedId = id;
    renderAll();
    if (!id) return;
    const item = layer.byId.get(id);
    if (options.scroll && item?.anchor.type === 'anchored') {
      // Bring the passage into view only when it is out of view; its card follows it.
      const top = view.coordsAtPos(textMap.posAt(item.anchor.start, 1)).top;
      if (top < 0 || top > window.innerHeight - 80) window.scrollTo({ top: Math.max(0, top + window.scrollY - 120) });
      margin.layout();
    }
    if (options.focusCard) margin.focusCard(id);
  }

  function cite(item: AnnotationItem): string {
    const start = item.anchor.type === 'anchored' ? item.anchor.start : item.record.selectors.position.start;
    const end = item.anchor.type === 'anchored' ? item.anchor.end : item.record.selectors.position.end;
    return citePassage({ citation: record.citation, title: record.title, textMap, start, end, permalink: permalinkOf(group?.id ?? null, record.id, item.record.id) });
  }

  // --- composing -----------------------------------------------------------------------------
  function openComposer(): void {
    const described = describeSelection(view, textMap);
    if (!described || !canWrite(context)) return;
    const selectors = describeRange(textMap.text, described.start, described.end);
    const close = () => {
      composerSlot.replaceChildren();
      annotateButton.focus();
    };
    composerSlot.replaceChildren(
      createComposer({
        selectors,
        knownTags: layer.tags,
        draftKey: `new:${scope}`,
        canShare: group !== null,
        groupId: group?.id ?? null,
        onClose: close,
        onSubmit: async (composed) => {
          const annotationId = crypto.randomUUID();
          const outcome = await submit({
            type: 'annotation.create',
            commandId: crypto.randomUUID(),
            annotationId,
            target: composed.visibility === 'group' && group ? { type: 'group', groupId: group.id } : { type: 'private' },
            documentId: record.id,
            kind: composed.kind,
            selectors: composed.selectors,
            body: composed.body,
            tags: composed.tags,
          });
          if (outcome.type !== 'refused') {
            window.getSelection()?.removeAllRanges();
            focusedId = annotationId;
            refresh();
          }
          return outcome;
        },
      }),
    );
  }
  annotateButton.addEventListener('click', openComposer);

  let selectionTimer: ReturnType<typeof setTimeout> | undefined;
  function onSelectionChange(): void {
    const described = describeSelection(view, textMap);
    annotateButton.disabled = described === null;
    // A drag fires many events; the others need the selection it ends with, not every step.
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(() => presence.set('selection', described ? { start: described.start, end: described.end } : null), 80);
  }
  document.addEventListener('selectionchange', onSelectionChange);

  const unbindShortcuts = bindReaderShortcuts(mount, {
    hasSelection: () => describeSelection(view, textMap) !== null,
    canAnnotate: () => canWrite(context),
    annotate: openComposer,
    focusedId: () => focusedId,
    closeThread: (id) => {
      focus(null);
      margin.element.querySelector<HTMLElement>(`[data-focus-key="toggle:${CSS.escape(id)}"]`)?.focus();
    },
    openCard: (id) => focus(id, { focusCard: true }),
  });

  // --- presence ------------------------------------------------------------------------------
  const presence = createPresenceSession(() => presenceRoom, me, {
    onAvatars: (element: HTMLElement) => avatars.replaceChildren(element),
    onOthersChanged: () => refresh(),
  });
  presence.start();

  // --- seminar mode (present / follow) -------------------------------------------------------
  seminar = group
    ? createSeminarMode({
        me,
        canPresent: () => !context.isReplaying() && (context.role === 'owner' || context.role === 'moderator'),
        others: () => presence.others(),
        set: (field, value) => presence.set(field, value),
        topOffset: () => {
          const box = mount.getBoundingClientRect();
          const found = view.posAtCoords({ left: box.left + 24, top: Math.min(Math.max(box.top + 4, 96), window.innerHeight - 1) });
          return found ? textMap.offsetAt(found.pos) : null;
        },
        focusedId: () => focusedId,
        // Called while rendering: the scroll and focus wait until that render is done.
        follow: ({ offset, focusedId: id }) =>
          queueMicrotask(() => {
            if (isDestroyed) return;
            if (id !== focusedId) focus(id && layer.byId.has(id) ? id : null);
            const top = view.coordsAtPos(textMap.posAt(Math.min(offset, textMap.text.length), 1)).top;
            window.scrollTo({ top: Math.max(0, top + window.scrollY - 96) });
          }),
      })
    : null;
  if (seminar) seminarSlot.append(seminar.element);
  seminar?.update();

  // --- permalinks ----------------------------------------------------------------------------
  let isPermalinkOpened = false;
  function openPermalinkOnce(): void {
    if (isPermalinkOpened) return;
    const match = /^#annotation-([0-9a-f-]{36})$/.exec(location.hash);
    if (!match) {
      isPermalinkOpened = true;
      return;
    }
    if (!layer.byId.has(match[1] as string)) {
      // Once the room has synced, a missing annotation is not coming: say so rather than wait.
      if (!presenceRoom.isSynced()) return;
      isPermalinkOpened = true;
      notice = { text: 'The linked annotation is not here: it was deleted, or it is not visible to you.', kept: null };
      refresh();
      return;
    }
    isPermalinkOpened = true;
    queueMicrotask(() => focus(match[1] as string, { scroll: true, focusCard: true }));
  }

  const onResize = () => margin.layout();
  window.addEventListener('resize', onResize);
  refresh();

  return () => {
    isDestroyed = true;
    document.removeEventListener('selectionchange', onSelectionChange);
    unbindShortcuts();
    clearTimeout(selectionTimer);
    window.removeEventListener('resize', onResize);
    stopConnection();
    stopMembership();
    replay?.destroy();
    seminar?.destroy();
    stopKeyboardSelection();
    queue.destroy();
    groupRoom?.destroy();
    privateRoom.destroy();
    margin.destroy();
    bar.destroy();
    view.destroy();
  };
}
