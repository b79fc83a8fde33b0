/**
 * An annotation's revisions in a modal dialog, newest first: who did what and when, with the word
 * diff of the body from the revision before. Its author may restore an earlier revision, which sends
 * the ordinary commands (annotation.edit, and annotation.tag when the tags differ) and so becomes a
 * new revision itself.
 */
import type { Command } from '../../shared/annotations.ts';
import { el, statusMessage } from '../dom.ts';
import type { CommandOutcome } from '../services/command-queue.ts';
import { getHistory, type Revision } from '../services/history-api.ts';
import { timeLabel } from '../margin/margin-context.ts';
import { renderDiff } from './diff-view.ts';

export interface HistoryPanelInput {
  annotationId: string;
  /** Whether this person may restore (the author, while the layer is live and writable). */
  canRestore: boolean;
  currentBody: string | null;
  currentTags: string[];
  submit(command: Command): Promise<CommandOutcome>;
}

const actionLabels: Record<string, string> = {
  created: 'created',
  edited: 'edited',
  tagged: 'changed the tags',
  resolved: 'resolved',
  reopened: 'reopened',
  hidden: 'hid',
  unhidden: 'unhid',
  deleted: 'deleted',
  reanchored: 're-attached to a passage',
};

export function openHistoryPanel(input: HistoryPanelInput): void {
  const list = el('ol', { class: 'revisions', reversed: '' });
  const message = el('p', { class: 'form-message', role: 'status' });
  const close = el('button', { type: 'button', class: 'button-small button-quiet' }, 'Close');
  const dialog = el(
    'dialog',
    { class: 'history-panel', 'aria-labelledby': `history-title-${input.annotationId}` },
    el('header', { class: 'history-header' }, el('h2', { id: `history-title-${input.annotationId}` }, 'History'), close),
    message,
    list,
  );
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  list.replaceChildren(statusMessage('loading', 'Loading the revisions…'));

  void getHistory(input.annotationId).then((result) => {
    if (result.type === 'error') {
      list.replaceChildren(statusMessage('error', `Could not load the history: ${result.message}`));
      return;
    }
    const revisions = result.value.revisions;
    const edits = revisions.filter((revision) => revision.action === 'edited').length;
    message.textContent = edits === 0 ? 'Never edited.' : `Edited ${edits} ${edits === 1 ? 'time' : 'times'}.`;
    list.replaceChildren(...[...revisions].reverse().map((revision, index) => renderRevision(revision, index === 0, input, message, dialog)));
  });
}

function renderRevision(revision: Revision, isLatest: boolean, input: HistoryPanelInput, message: HTMLElement, dialog: HTMLDialogElement): HTMLElement {
  const item = el(
    'li',
    { class: 'revision', 'data-revision': String(revision.n), 'data-action': revision.action },
    el(
      'p',
      { class: 'revision-meta' },
      el('span', { class: 'revision-n' }, `#${revision.n}`),
      ' ',
      el('span', { class: 'card-author' }, revision.actor.name),
      ` ${revision.documentVersion ? `moved it onto version ${revision.documentVersion} of the source` : (actionLabels[revision.action] ?? revision.action)} · `,
      el('time', { datetime: revision.at }, timeLabel(revision.at)),
    ),
  );
  if (revision.body === null) item.append(el('p', { class: 'placeholder' }, revision.isDeleted ? 'deleted' : 'Hidden by a moderator'));
  else if (revision.diff) item.append(renderDiff(revision.diff));
  else if (revision.body !== '') item.append(el('p', { class: 'revision-body' }, revision.body));
  if (revision.tags.length > 0) item.append(el('ul', { class: 'tags', 'aria-label': 'Tags' }, ...revision.tags.map((tag) => el('li', { class: 'tag' }, tag))));

  const isSameAsNow = revision.body === input.currentBody && revision.tags.join('\n') === input.currentTags.join('\n');
  if (input.canRestore && !isLatest && revision.body !== null && !revision.isDeleted && !isSameAsNow) {
    const restore = el('button', { type: 'button', class: 'button-small' }, 'Restore');
    restore.addEventListener('click', () => {
      restore.disabled = true;
      void restoreRevision(revision, input).then((text) => {
        message.textContent = text;
        if (text.startsWith('Restored')) dialog.close();
        else restore.disabled = false;
      });
    });
    item.append(restore);
  }
  return item;
}

async function restoreRevision(revision: Revision, input: HistoryPanelInput): Promise<string> {
  let outcome = await input.submit({ type: 'annotation.edit', commandId: crypto.randomUUID(), annotationId: input.annotationId, body: revision.body ?? '' });
  if (outcome.type !== 'refused' && revision.tags.join('\n') !== input.currentTags.join('\n')) {
    outcome = await input.submit({ type: 'annotation.tag', commandId: crypto.randomUUID(), annotationId: input.annotationId, tags: revision.tags });
  }
  return outcome.type === 'refused' ? `Not restored: ${outcome.message}` : `Restored revision #${revision.n}.`;
}
