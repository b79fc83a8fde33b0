/**
 * One annotation's card in the margin: author, time, kind, tags, status and reply count; when
 * focused, the whole thread and the actions its reader may take.
 */
import { annotationKinds, type AnnotationKind } from '../../shared/annotation-vocabulary.ts';
import { el } from '../dom.ts';
import type { AnnotationItem, ReplyItem } from '../store/annotations.ts';
import { inlineForm } from './inline-form.ts';
import { renderMarkdown } from './markdown.ts';
import { canWrite, isMine, isModerator, kindLabels, timeLabel, type MarginContext } from './margin-context.ts';
import { requestReattach } from './reattach.ts';
import { createTagInput } from './tag-input.ts';
import { renderThread, type ThreadState } from './thread.ts';

export interface CardState extends ThreadState {
  isEditing: boolean;
  hiddenBody: string | null;
  notice: string | null;
}

export function renderCard(item: AnnotationItem, replies: ReplyItem[], isFocused: boolean, context: MarginContext, state: CardState, rerender: () => void): HTMLElement {
  const { record } = item;
  const liveReplies = replies.filter((reply) => !reply.record.isDeleted).length;
  const kindLabel = record.kind === 'question' && record.status === 'resolved' ? 'Question · answered' : (kindLabels[record.kind] ?? record.kind);
  const header = el(
    'p',
    { class: 'card-meta' },
    el('span', { class: `card-kind kind-${record.kind}` }, kindLabel),
    ' · ',
    el('span', { class: 'card-author' }, record.authorName),
    ' · ',
    el('time', { datetime: record.createdAt }, timeLabel(record.createdAt)),
    record.visibility === 'private' ? el('span', { class: 'badge' }, 'only me') : null,
    record.status === 'resolved' && record.kind !== 'question' ? el('span', { class: 'badge badge-resolved' }, 'resolved') : null,
    record.isHidden ? el('span', { class: 'badge' }, 'hidden') : null,
    item.isPending ? el('span', { class: 'badge badge-pending' }, 'pending') : null,
  );

  let body: HTMLElement | null;
  if (record.isDeleted) body = el('p', { class: 'placeholder' }, 'deleted');
  else if (record.body === null) body = state.hiddenBody === null ? el('p', { class: 'placeholder' }, 'Hidden by a moderator') : renderMarkdown(state.hiddenBody, 'markdown card-body is-hidden-body');
  else if (record.body === '') body = null;
  else body = renderMarkdown(record.body, 'markdown card-body');

  const quote = el('blockquote', { class: 'card-quote' }, record.selectors.quote.exact.length > 140 ? `${record.selectors.quote.exact.slice(0, 140)}…` : record.selectors.quote.exact);
  const tags = record.tags.length > 0 ? el('ul', { class: 'tags', 'aria-label': 'Tags' }, ...record.tags.map((tag) => el('li', { class: 'tag' }, tag))) : null;
  const toggle = el(
    'button',
    { type: 'button', class: 'card-toggle link-button', 'aria-expanded': String(isFocused), 'data-focus-key': `toggle:${record.id}` },
    isFocused ? 'Close thread' : liveReplies === 0 ? 'Open thread' : `${liveReplies} ${liveReplies === 1 ? 'reply' : 'replies'}`,
  );
  toggle.addEventListener('click', (event) => {
    event.stopPropagation();
    context.focus(isFocused ? null : record.id, { scroll: true });
  });

  const history = el('button', { type: 'button', class: 'card-history link-button', 'data-focus-key': `history:${record.id}` }, record.updatedAt !== record.createdAt ? 'Edited · history' : 'History');
  history.addEventListener('click', (event) => {
    event.stopPropagation();
    context.openHistory(item);
  });

  const card = el(
    'article',
    {
      class: `card kind-${record.kind}${isFocused ? ' is-focused' : ''}${item.isPending ? ' is-pending' : ''}${record.status === 'resolved' ? ' is-resolved' : ''}`,
      id: `annotation-${record.id}`,
      'data-annotation-id': record.id,
      tabindex: '-1',
      'data-focus-key': `card:${record.id}`,
      'aria-label': `${kindLabels[record.kind] ?? record.kind} by ${record.authorName}`,
    },
    header,
    isFocused ? quote : null,
    state.isEditing ? editForm(item, context, state, rerender) : body,
    tags,
    el('p', { class: 'card-footer' }, toggle, item.isPending ? null : history, reattachButton(item, context)),
  );
  card.addEventListener('click', (event) => {
    if (!isFocused && !(event.target instanceof Element && event.target.closest('a, button, textarea, input'))) context.focus(record.id);
  });
  if (!isFocused) return card;

  // A past layer (replay) is for reading: no actions at all.
  if (!context.isReplaying()) card.append(actions(item, context, state, rerender));
  if (state.notice) card.append(el('p', { class: 'form-message card-notice', role: 'status' }, state.notice));
  card.append(renderThread(record.id, replies, context, state, rerender));
  return card;
}

function actions(item: AnnotationItem, context: MarginContext, state: CardState, rerender: () => void): HTMLElement {
  const { record } = item;
  const bar = el('div', { class: 'card-actions' });
  const send = (type: 'annotation.resolve' | 'annotation.reopen' | 'annotation.hide' | 'annotation.unhide' | 'annotation.delete') =>
    void context.submit({ type, commandId: crypto.randomUUID(), annotationId: record.id });
  const button = (label: string, onClick: () => void) => {
    const b = el('button', { type: 'button', class: 'button-small button-quiet', 'data-focus-key': `${label}:${record.id}` }, label);
    b.addEventListener('click', onClick);
    bar.append(b);
  };
  const mine = isMine(context, record.authorId);
  const moderator = isModerator(context);
  if (!record.isDeleted) {
    if (canWrite(context) && (mine || moderator)) {
      const isQuestion = record.kind === 'question';
      if (record.status === 'open') button(isQuestion ? 'Mark answered' : 'Resolve', () => send('annotation.resolve'));
      else button(isQuestion ? 'Reopen question' : 'Reopen', () => send('annotation.reopen'));
    }
    if (mine && record.body !== null) {
      button('Edit', () => {
        state.isEditing = true;
        rerender();
      });
      button('Delete', () => {
        if (confirm('Delete this annotation?')) send('annotation.delete');
      });
    }
    if (moderator) button(record.isHidden ? 'Unhide' : 'Hide', () => send(record.isHidden ? 'annotation.unhide' : 'annotation.hide'));
    if (record.body === null && record.isHidden && (mine || moderator) && state.hiddenBody === null) {
      button('Show hidden text', () => {
        void context.revealHidden(record.id).then((text) => {
          state.hiddenBody = text;
          rerender();
        });
      });
    }
  }
  button('Cite', () => {
    const citation = context.cite(item);
    state.notice = citation;
    void navigator.clipboard?.writeText(citation).catch(() => undefined);
    rerender();
  });
  const { citeInCommentary } = context;
  if (citeInCommentary && canWrite(context) && !record.isDeleted && !item.isPending) button('Add to commentary', () => citeInCommentary(item));
  return bar;
}

/**
 * An orphan's author may give it a new passage (client/margin/reattach.ts); not while it is pending
 * (a re-attachment may be on its way), nor in a past layer, nor once the role no longer writes.
 */
function reattachButton(item: AnnotationItem, context: MarginContext): HTMLElement | null {
  const { record } = item;
  if (item.anchor.type !== 'orphan' || record.isDeleted || item.isPending || !isMine(context, record.authorId) || !canWrite(context)) return null;
  const focusKey = `reattach:${record.id}`;
  const button = el('button', { type: 'button', class: 'card-reattach link-button', 'data-focus-key': focusKey }, 'Re-attach');
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    requestReattach(button, {
      annotationId: record.id,
      quote: record.selectors.quote.exact,
      attach: (selectors) => {
        // The mode may outlast the right to write (a replay started, the role changed meanwhile).
        if (!canWrite(context)) return;
        void context.submit({ type: 'annotation.reanchor', commandId: crypto.randomUUID(), annotationId: record.id, selectors }).then(() =>
          // Applied, the card stands beside its new passage; queued or refused, it is still an orphan.
          context.focus(record.id, { scroll: true, focusCard: true }),
        );
      },
      // The card may have been rebuilt since: its button is found again by its key.
      cancelled: () => document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus(),
    });
  });
  return button;
}

/** Editing one's own annotation: its text, its kind and its tags (two commands when both change). */
function editForm(item: AnnotationItem, context: MarginContext, state: CardState, rerender: () => void): HTMLElement {
  const { record } = item;
  const kindId = `edit-kind-${record.id}`;
  const kind = el('select', { id: kindId }, ...annotationKinds.map((value) => el('option', { value }, kindLabels[value] ?? value)));
  kind.value = record.kind;
  const tags = createTagInput({ id: `edit-tags-${record.id}`, known: context.knownTags(), initial: record.tags, vocabulary: () => (record.groupId ? context.vocabulary() : null) });
  const extra = el(
    'div',
    { class: 'edit-fields' },
    el('div', { class: 'field' }, el('label', { for: kindId }, 'Kind'), kind),
    el('div', { class: 'field' }, el('label', { for: `edit-tags-${record.id}` }, 'Tags'), tags.element),
  );
  return inlineForm({
    label: 'Edit your annotation',
    submitLabel: 'Save',
    draftKey: `edit:${record.id}`,
    initial: record.body ?? '',
    isRequired: false,
    mentionGroupId: record.groupId,
    extra,
    onSubmit: async (body) => {
      tags.commit();
      const nextKind = kind.value as AnnotationKind;
      let outcome = await context.submit({ type: 'annotation.edit', commandId: crypto.randomUUID(), annotationId: record.id, body, ...(nextKind !== record.kind ? { kind: nextKind } : {}) });
      const nextTags = tags.values();
      if (outcome.type !== 'refused' && nextTags.join('\n') !== record.tags.join('\n')) {
        outcome = await context.submit({ type: 'annotation.tag', commandId: crypto.randomUUID(), annotationId: record.id, tags: nextTags });
      }
      if (outcome.type !== 'refused') {
        state.isEditing = false;
        rerender();
      }
      return outcome;
    },
    onCancel: () => {
      state.isEditing = false;
      rerender();
    },
  });
}
