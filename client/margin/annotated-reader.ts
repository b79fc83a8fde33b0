/**
 * The document with a seminar's layer: the read-only reader with its highlights, the margin of
 * cards, the composer, filters, presence and the connection state. This module wires the store
 * (annotations, filters, drafts, selection, connection) to the services (rooms, command queue,
 * membership) and the views; it holds no anchoring maths (shared/anchoring.ts), no layout
 * (margin.ts) and no I/O of its own.
 */
import type { GroupRecord } from '../../shared/accounts.ts';
import type { AnnotationRecord, Command } from '../../shared/annotations.ts';
import type { DocumentRecord } from '../../shared/document.ts';
import { annotationLayerPlugin, showLayer } from '../document/highlights.ts';
import { enableKeyboardSelection } from '../document/keyboard-selection.ts';
import { createReader } from '../document/reader.ts';
import { createSelectionBar } from '../document/selection-bar.ts';
import { el } from '../dom.ts';
import { closeCodes } from '../../shared/rooms.ts';
import { openHistoryPanel } from '../history/history-panel.ts';
import { createReplaySlider } from '../history/replay-slider.ts';
import type { Cleanup } from '../router.ts';
import { createSeminarMode, type SeminarMode } from '../seminar/seminar-mode.ts';
import { request } from '../services/api.ts';
import { createCommandQueue, type CommandOutcome } from '../services/command-queue.ts';
import type { Layer } from '../services/history-api.ts';
import { isSocketConnected, onSocketConnection } from '../services/socket.ts';
import { createAcknowledgedRecords } from '../store/acknowledged.ts';
import { buildLayer, type AnchorCache, type AnnotationItem, type Author, type LayerView } from '../store/annotations.ts';
import { connectionLabel, type ConnectionState } from '../store/connection.ts';
import { isFiltering, matchesFilters, noFilters, type Filters } from '../store/filters.ts';
import { describeCommand, keepRefusedDraft } from '../store/refusals.ts';
import { watchSelection } from '../store/selection.ts';
import { renderAnnotatedPage } from './annotated-page.ts';
import { citePassage, permalinkOf } from './cite.ts';
import { createComposerOpener } from './composer-opener.ts';
import { createFiltersBar } from './filters-bar.ts';
import { createReaderTags } from './reader-tags.ts';
import { createMargin } from './margin.ts';
import { canWrite, type MarginContext } from './margin-context.ts';
import { renderNotice, type Notice } from './margin-notice.ts';
import { createPassageTops } from './passage-tops.ts';
import { createPermalinkOpener } from './permalink.ts';
import { createPresenceSession } from './presence-session.ts';
import { bindReaderShortcuts } from './reader-shortcuts.ts';
import { createRenderScheduler } from './render-scheduler.ts';
import { openGroupRoom, openPrivateRoom, readerRooms, type ReaderRooms } from './reader-rooms.ts';
import { followMembership } from './reader-membership.ts';
import { reportPath } from './report-path.ts';
import { watchTextReflow } from './text-reflow.ts';
import { createCommentaryPanel } from '../commentary/commentary-panel.ts';
import { showCitedPassage } from '../commentary/cited-passage.ts';
import { citationOfPassage } from '../commentary/passage-citation.ts';
import { resolveAnnotationRecord } from '../../shared/commentary-text.ts';

export interface AnnotatedReaderInput {
  record: DocumentRecord;
  /** The seminar whose layer is shown; null on the plain reader, which shows only private notes. */
  group: GroupRecord | null;
  me: Author;
  /** The rooms, if the page opened them early (see reader-rooms.ts); the reader owns them from then on. */
  rooms?: ReaderRooms;
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
  const anchors: AnchorCache = new Map();
  const acknowledged = createAcknowledgedRecords();
  let notice: Notice | null = null;
  let shownNotice: Notice | null = null;
  let closedReason: string | null = null;
  /** The past layer shown while replaying, or null for the live one. */
  let replayed: Layer | null = null;
  /** Present / follow (set up with presence, below). */
  let seminar: SeminarMode | null = null;
  let isDestroyed = false;
  const scheduler = createRenderScheduler(renderAll, () => !isDestroyed);
  const refresh = () => scheduler.request();

  // --- views ---------------------------------------------------------------------------------
  const avatars = el('div', { class: 'readers-here' });
  const connection = el('p', { class: 'connection', role: 'status', 'aria-live': 'polite' });
  const notices = el('div', { class: 'margin-notices', 'aria-live': 'polite' });
  const composerSlot = el('div', { class: 'composer-slot' });
  const filtersBar = createFiltersBar(filters, () => refresh());
  const readerTags = createReaderTags(group?.id ?? null, () => refresh());
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
    vocabulary: () => readerTags.vocabulary(),
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
  const reportLink = group ? el('a', { class: 'report-link', href: '', 'data-link': '' }, 'Seminar report') : null;
  const replay = group
    ? createReplaySlider(group.id, record.id, (past) => {
        replayed = past;
        applyRole();
        refresh();
      })
    : null;
  const passageTops = createPassageTops(view, textMap, mount);
  const margin = createMargin(context, passageTops, () => mount.getBoundingClientRect().top);
  const stopReflowWatch = watchTextReflow(mount, () => {
    passageTops.forget();
    margin.layout();
  });
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
  // The seminar's commentary (client/commentary/): a notebook beside the text, citing its passages.
  const commentary = group
    ? createCommentaryPanel({
        groupId: group.id,
        documentId: record.id,
        me,
        canWrite: () => canWrite(context),
        follow: (citation) => showCitedPassage(reader, citation.selectors, window),
        resolveAnnotation: (id) => (presenceRoom.isSynced() ? resolveAnnotationRecord(layer.byId.get(id)?.record) : null),
        openAnnotation: (id) => (layer.byId.has(id) ? focus(id, { scroll: true, focusCard: true }) : undefined),
      })
    : null;
  if (commentary) context.citeInCommentary = (item) => commentary.citeAnnotation(item.record.id);
  const commentaryToggle = commentary ? el('button', { type: 'button', class: 'button-small commentary-toggle' }, 'Commentary') : null;
  commentaryToggle?.addEventListener('click', () => commentary?.toggle());
  const citeButton = el('button', { type: 'button', class: 'cite-button', disabled: '' }, 'Cite in commentary');
  citeButton.addEventListener('click', () => {
    const selected = selection.current();
    if (selected && commentary) commentary.cite(citationOfPassage(record, textMap, selected));
  });
  let members = group?.members ?? [{ userId: me.id, name: me.name, role: 'member' as const, joinedAt: '', isOnline: true }];
  /** Shows what this person's role allows; called again when the role changes live. */
  function applyRole(): void {
    if (canWrite(context)) bar.element.append(annotateButton, ...(commentary ? [citeButton] : []));
    else {
      annotateButton.remove();
      citeButton.remove();
      composerSlot.replaceChildren();
    }
    roleNote.textContent = context.role === 'observer' ? ' · you are observing' : '';
    commentary?.refreshEditable();
  }
  applyRole();
  container.replaceChildren(
    renderAnnotatedPage({
      record,
      group,
      roleNote,
      avatars,
      filters: filtersBar.element,
      connection,
      replay: replay?.element ?? null,
      seminarSlot,
      reportLink,
      text: mount,
      selectionBar: bar.element,
      margin: marginAside,
      commentaryToggle,
      commentary: commentary?.element ?? null,
    }),
  );

  // --- services ------------------------------------------------------------------------------
  const layerRooms = input.rooms ?? readerRooms(group ? openGroupRoom(group.id, record.id) : null, openPrivateRoom(me.id, record.id));
  const presenceRoom = layerRooms.presence;
  layerRooms.listen({
    onChange: () => refresh(),
    onStatus: (status, detail) => {
      if (status === 'closed') closedReason = detail;
      showConnection();
    },
    onAwarenessReplaced: () => presence.start(),
  });
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
  // Online or offline changes what an empty margin says, not only the connection line.
  const stopConnection = onSocketConnection(() => refresh());
  const stopMembership = group
    ? followMembership(group.id, {
        removed: () => {
          closedReason = 'you are no longer a member of this seminar';
          context.role = null;
          applyRole();
          refresh();
        },
        changed: (changed) => {
          context.role = changed.role;
          members = changed.members;
          applyRole();
          refresh();
        },
      })
    : () => {};

  function submit(command: Command): Promise<CommandOutcome> {
    return queue.submit(command);
  }

  // --- rendering -----------------------------------------------------------------------------
  function currentLayer(): LayerView {
    const past = replayed;
    if (past) {
      // Replaying: the past layer alone, without this person's pending changes.
      return buildLayer({ text: textMap.text, me, groupId: group?.id ?? null, rooms: () => [past], pending: () => [], acknowledged: () => ({ annotations: [], replies: [] }) }, anchors);
    }
    const rooms = layerRooms.records();
    // Pruning compares every record of the rooms; with nothing acknowledged there is nothing to prune.
    const held = acknowledged.current();
    if (held.annotations.length + held.replies.length > 0) acknowledged.prune(rooms);
    return buildLayer(
      { text: textMap.text, me, groupId: group?.id ?? null, rooms: () => rooms, pending: () => queue.pending(), acknowledged: () => acknowledged.current() },
      anchors,
    );
  }

  function renderAll(): void {
    layer = currentLayer();
    const shown = layer.annotations.filter((item) => item.record.id === focusedId || matchesFilters(item, filters, me.id));
    // The highlights change first, while nothing else has: the view's update reads the DOM selection
    // before and after it changes the text, and in Chromium each read lays out whatever changed, so
    // the first read finds nothing to lay out and the second lays out the text alone. The margin then
    // reads the passages' tops from that layout and changes its cards (margin.ts: render).
    showLayer(view, textMap, {
      highlights: shown.flatMap((item) =>
        item.anchor.type === 'anchored' && !item.record.isDeleted
          ? [{ id: item.record.id, start: item.anchor.start, end: item.anchor.end, kind: item.record.kind, isPending: item.isPending, colour: filters.isColouredByTag ? readerTags.colourOf(item.record) : null }]
          : [],
      ),
      focusedId,
      remote: presence.remoteSelections(),
    });
    margin.render({ layer, shown, focusedId, isLoading: !presenceRoom.isSynced() && layer.annotations.length === 0, isOffline: !navigator.onLine, isFiltered: isFiltering(filters) });
    filtersBar.update(readerTags.filterTags(layer), members);
    seminar?.update();
    if (reportLink && group) reportLink.setAttribute('href', reportPath(group.id, record.id, filters));
    if (notice !== shownNotice) {
      shownNotice = notice;
      notices.replaceChildren(
        ...(notice
          ? [
              renderNotice(notice, () => {
                notice = null;
                refresh();
              }),
            ]
          : []),
      );
    }
    showConnection();
    commentary?.refreshReferences();
    openPermalinkOnce();
  }

  function showConnection(): void {
    let state: ConnectionState;
    if (closedReason) state = { type: 'closed', reason: closedReason };
    else if (!navigator.onLine) state = { type: 'offline' };
    else if (isSocketConnected() && presenceRoom.status() === 'connected') state = { type: 'live' };
    else state = { type: 'connecting' };
    connection.textContent = connectionLabel(state, queue.pending().length);
    connection.dataset.state = state.type;
    if (closedReason === closeCodes.documentRevised.reason) {
      // The page holds the old text: the new one, with the annotations moved onto it, is a reload away.
      const reload = el('button', { type: 'button', class: 'button-small' }, 'Reload');
      reload.addEventListener('click', () => location.reload());
      connection.append(' ', reload);
    }
  }

  /** The top of a passage in the viewport, or null if the view cannot measure it. */
  function passageViewportTop(offset: number): number | null {
    try {
      return view.coordsAtPos(textMap.posAt(Math.min(offset, textMap.text.length), 1)).top;
    } catch {
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
      const top = passageViewportTop(item.anchor.start);
      if (top !== null && (top < 0 || top > window.innerHeight - 80)) window.scrollTo({ top: Math.max(0, top + window.scrollY - 120) });
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
  const openComposer = createComposerOpener({
    view,
    textMap,
    slot: composerSlot,
    documentId: record.id,
    groupId: group?.id ?? null,
    draftKey: `new:${scope}`,
    canWrite: () => canWrite(context),
    knownTags: () => layer.tags,
    vocabulary: () => readerTags.vocabulary(),
    submit,
    onClose: () => annotateButton.focus(),
    onCreated: (annotationId) => {
      focusedId = annotationId;
      refresh();
    },
  });
  annotateButton.addEventListener('click', openComposer);

  const selection = watchSelection(view, textMap, {
    onChange: (selected) => {
      annotateButton.disabled = selected === null;
      citeButton.disabled = selected === null;
    },
    onSettled: (selected) => presence.set('selection', selected ? { start: selected.start, end: selected.end } : null),
  });

  const unbindShortcuts = bindReaderShortcuts(mount, {
    hasSelection: () => selection.current() !== null,
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
            const top = passageViewportTop(offset);
            if (top !== null) window.scrollTo({ top: Math.max(0, top + window.scrollY - 96) });
          }),
      })
    : null;
  if (seminar) seminarSlot.append(seminar.element);
  seminar?.update();

  // --- permalinks ----------------------------------------------------------------------------
  const openPermalinkOnce = createPermalinkOpener({
    has: (id) => layer.byId.has(id),
    isSynced: () => presenceRoom.isSynced(),
    open: (id) => focus(id, { scroll: true, focusCard: true }),
    missing: () => {
      notice = { text: 'The linked annotation is not here: it was deleted, or it is not visible to you.', kept: null };
      refresh();
    },
  });

  const onResize = () => margin.layout();
  window.addEventListener('resize', onResize);
  refresh();

  return () => {
    isDestroyed = true;
    selection.stop();
    unbindShortcuts();
    window.removeEventListener('resize', onResize);
    stopReflowWatch();
    stopConnection();
    stopMembership();
    readerTags.stop();
    replay?.destroy();
    seminar?.destroy();
    stopKeyboardSelection();
    queue.destroy();
    layerRooms.destroy();
    commentary?.destroy();
    margin.destroy();
    bar.destroy();
    view.destroy();
  };
}
