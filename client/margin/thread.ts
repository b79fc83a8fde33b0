/**
 * The replies of a focused card: a tree (replies to replies are indented), each with its author and
 * time, edit and delete for its author, hide and unhide for moderators, and a "deleted" placeholder
 * where a deleted reply still has answers.
 */
import { el } from '../dom.ts';
import type { ReplyItem } from '../store/annotations.ts';
import { inlineForm } from './inline-form.ts';
import { renderMarkdown } from './markdown.ts';
import { canWrite, isMine, isModerator, timeLabel, type MarginContext } from './margin-context.ts';

export interface ThreadState {
  /** The reply being answered or edited, if any (`reply:<id>` or `edit:<id>`). */
  openForm: string | null;
}

export function renderThread(annotationId: string, replies: ReplyItem[], context: MarginContext, state: ThreadState, rerender: () => void): HTMLElement {
  const children = new Map<string | null, ReplyItem[]>();
  const known = new Set(replies.map((reply) => reply.record.id));
  for (const reply of replies) {
    // A reply whose parent is unknown (not yet arrived) is shown at the top level rather than lost.
    const parent = reply.record.parentId && known.has(reply.record.parentId) ? reply.record.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), reply]);
  }

  const renderLevel = (parentId: string | null): HTMLElement | null => {
    const level = children.get(parentId);
    if (!level || level.length === 0) return null;
    return el('ol', { class: parentId ? 'replies replies-nested' : 'replies' }, ...level.map((reply) => renderReply(reply)));
  };

  const renderReply = (item: ReplyItem): HTMLElement => {
    const { record } = item;
    const body = record.isDeleted
      ? el('p', { class: 'placeholder' }, 'deleted')
      : record.body === null
        ? el('p', { class: 'placeholder' }, 'Hidden by a moderator')
        : renderMarkdown(record.body, 'markdown reply-body');
    const actions = el('div', { class: 'card-actions' });
    const button = (label: string, onClick: () => void) => {
      const b = el('button', { type: 'button', class: 'button-small button-quiet', 'data-focus-key': `${label}:${record.id}` }, label);
      b.addEventListener('click', onClick);
      actions.append(b);
    };
    if (!record.isDeleted && canWrite(context)) {
      button('Reply', () => {
        state.openForm = `reply:${record.id}`;
        rerender();
      });
    }
    if (!record.isDeleted && isMine(context, record.authorId) && record.body !== null) {
      button('Edit', () => {
        state.openForm = `edit:${record.id}`;
        rerender();
      });
      button('Delete', () => {
        if (confirm('Delete this reply?')) void context.submit({ type: 'reply.delete', commandId: crypto.randomUUID(), replyId: record.id });
      });
    }
    if (!record.isDeleted && isModerator(context)) {
      button(record.isHidden ? 'Unhide' : 'Hide', () => {
        void context.submit({ type: record.isHidden ? 'reply.unhide' : 'reply.hide', commandId: crypto.randomUUID(), replyId: record.id });
      });
    }
    let form: HTMLElement | null = null;
    if (state.openForm === `edit:${record.id}`) {
      form = inlineForm({
        label: 'Edit your reply',
        submitLabel: 'Save',
        draftKey: `edit:${record.id}`,
        initial: record.body ?? '',
        mentionGroupId: context.groupId,
        onSubmit: async (text) => {
          const outcome = await context.submit({ type: 'reply.edit', commandId: crypto.randomUUID(), replyId: record.id, body: text });
          if (outcome.type !== 'refused') state.openForm = null;
          return outcome;
        },
        onCancel: () => {
          state.openForm = null;
          rerender();
        },
      });
    } else if (state.openForm === `reply:${record.id}`) {
      form = replyForm(annotationId, record.id, `Reply to ${record.authorName}`, context, state, rerender);
    }
    return el(
      'li',
      { class: `reply${item.isPending ? ' is-pending' : ''}${record.isHidden ? ' is-hidden' : ''}`, 'data-reply-id': record.id },
      el(
        'p',
        { class: 'card-meta' },
        el('span', { class: 'card-author' }, record.authorName),
        ' · ',
        el('time', { datetime: record.createdAt }, timeLabel(record.createdAt)),
        record.updatedAt !== record.createdAt && !record.isDeleted ? ' · edited' : '',
        item.isPending ? el('span', { class: 'badge badge-pending' }, 'pending') : null,
        record.isHidden ? el('span', { class: 'badge' }, 'hidden') : null,
      ),
      body,
      actions.childElementCount > 0 ? actions : null,
      form,
      renderLevel(record.id),
    );
  };

  const typing = context.replyingTo(annotationId);
  return el(
    'section',
    { class: 'thread', 'aria-label': 'Replies' },
    renderLevel(null) ?? el('p', { class: 'quiet' }, 'No replies yet.'),
    typing.length > 0 ? el('p', { class: 'typing', 'aria-live': 'polite' }, `${typing.join(', ')} ${typing.length === 1 ? 'is' : 'are'} replying…`) : null,
    canWrite(context) ? replyForm(annotationId, null, 'Write a reply', context, state, rerender) : null,
  );
}

function replyForm(annotationId: string, parentId: string | null, label: string, context: MarginContext, state: ThreadState, rerender: () => void): HTMLFormElement {
  return inlineForm({
    label,
    submitLabel: 'Reply',
    draftKey: `reply:${annotationId}:${parentId ?? 'top'}`,
    mentionGroupId: context.groupId,
    onSubmit: async (body) => {
      const outcome = await context.submit({ type: 'reply.create', commandId: crypto.randomUUID(), replyId: crypto.randomUUID(), annotationId, parentId, body });
      if (outcome.type !== 'refused' && parentId) state.openForm = null;
      return outcome;
    },
    onTyping: (isTyping) => context.setReplying(isTyping ? annotationId : null),
    ...(parentId
      ? {
          onCancel: () => {
            state.openForm = null;
            rerender();
          },
        }
      : {}),
  });
}
