/**
 * The seminar's commentary beside the document: the shared notebook, its editor and toolbar, and who
 * is writing. It connects to the group's commentary room with the official y-websocket provider and
 * writes into it directly (the server stores each change before relaying it, docs/commentary.md);
 * observers read it, their editor not editable. "Cite" in the reader inserts a passage citation here;
 * clicking a citation asks the reader to show its passage.
 */
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { NodeSelection, TextSelection, type EditorState, type Transaction } from 'prosemirror-state';
import { ySyncPluginKey, yUndoPluginKey } from 'y-prosemirror';
import { commentarySchema, type PassageCitationAttrs } from '../../shared/commentary-schema.ts';
import { commentaryFragment } from '../../shared/rooms.ts';
import { el } from '../dom.ts';
import { colorOf } from '../margin/presence.ts';
import type { Author } from '../store/annotations.ts';
import { createCommentaryEditor } from './commentary-editor.ts';
import { createCommentaryToolbar } from './commentary-toolbar.ts';
import { createCommentaryVersions } from './commentary-versions.ts';
import { createAnnotationReferences, type ResolveAnnotation } from './annotation-reference.ts';
import { annotationLabel } from '../../shared/commentary-text.ts';

export interface CommentaryPanel {
  element: HTMLElement;
  /** Cites the passage at the editor's cursor (at the end when it has none), opening the panel. */
  cite(citation: PassageCitationAttrs): void;
  /** Shows or hides the panel. */
  toggle(open?: boolean): void;
  /** Cites an annotation at the editor's cursor (in a new paragraph at the end when it has none). */
  citeAnnotation(annotationId: string): void;
  /** The layer changed: annotation references read again. */
  refreshReferences(): void;
  /** The person's role changed: the editor becomes editable or read-only. */
  refreshEditable(): void;
  destroy(): void;
}

export function createCommentaryPanel(options: {
  groupId: string;
  documentId: string;
  me: Author;
  canWrite: () => boolean;
  follow: (citation: PassageCitationAttrs) => void;
  resolveAnnotation: ResolveAnnotation;
  /** Opens a cited annotation's thread in the margin. */
  openAnnotation: (annotationId: string) => void;
}): CommentaryPanel {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${location.origin.replace(/^http/, 'ws')}/yjs`, `commentary/${options.groupId}/${options.documentId}`, doc, {
    disableBc: true,
    maxBackoffTime: 5000,
  });
  provider.awareness.setLocalStateField('user', { id: options.me.id, name: options.me.name, color: colorOf(options.me.id) });

  const status = el('p', { class: 'commentary-status', role: 'status', 'aria-live': 'polite' }, 'Connecting…');
  const mount = el('div', { class: 'commentary-mount' });
  /** Closed for good by the server (a refused change, a role taken away): nothing typed would be sent. */
  let isClosed = false;
  const view = createCommentaryEditor(mount, doc.getXmlFragment(commentaryFragment), provider.awareness, () => !isClosed && options.canWrite() && provider.synced);
  const references = createAnnotationReferences(options.resolveAnnotation);
  view.setProps({
    nodeViews: { annotation_ref: (node) => references.nodeView(node) },
    handleClickOn: (_view, _pos, node) => {
      if (node.type === commentarySchema.nodes.passage_citation) options.follow(node.attrs as PassageCitationAttrs);
      else if (node.type === commentarySchema.nodes.annotation_ref) options.openAnnotation(String(node.attrs.annotationId));
      else return false;
      return true;
    },
  });
  const toolbar = createCommentaryToolbar(view);
  const file = (extension: string, label: string, attrs: Record<string, string>) =>
    el('a', { href: `/api/groups/${encodeURIComponent(options.groupId)}/documents/${encodeURIComponent(options.documentId)}/commentary.${extension}`, ...attrs }, label);
  const versions = createCommentaryVersions({ groupId: options.groupId, documentId: options.documentId }, () => !isClosed && options.canWrite());
  const files = el('p', { class: 'commentary-files' }, file('md', 'Markdown', { download: '' }), ' · ', file('html', 'Printable page', { target: '_blank', rel: 'noopener' }));
  const element = el(
    'aside',
    { class: 'commentary-panel', 'aria-label': 'Commentary', hidden: '' },
    el('h2', { class: 'commentary-title' }, 'Commentary'),
    status,
    toolbar,
    mount,
    versions.element,
    files,
  );

  /** Re-reads `editable` (ProseMirror asks only when props change) and shows the toolbar to writers. */
  let isDestroyed = false;
  function refreshEditable(): void {
    if (isDestroyed) return;
    view.setProps({});
    toolbar.hidden = isClosed || !options.canWrite();
    versions.refresh();
  }

  provider.on('status', ({ status: next }) => {
    status.textContent = next === 'connected' ? (options.canWrite() ? 'Live: everyone here sees what you write.' : 'Live (read-only: you are observing).') : 'Reconnecting… what you write is kept and sent when the connection is back.';
    status.dataset.state = next;
  });
  provider.on('sync', () => refreshEditable());
  provider.on('closed', (event) => {
    // Codes 4400–4499 are final: the provider does not reconnect, so the editor stops taking input.
    isClosed = true;
    status.textContent = `Closed: ${event.reason || `code ${event.code}`}. Reload the page to read the commentary again.`;
    status.dataset.state = 'closed';
    refreshEditable();
  });
  refreshEditable();

  return {
    element,
    cite(citation) {
      this.toggle(true);
      // A citation is one step of its own for undo, not part of the typing around it.
      const undoManager = yUndoPluginKey.getState(view.state)?.undoManager;
      undoManager?.stopCapturing();
      view.dispatch(insertCitation(view.state, citation).scrollIntoView());
      undoManager?.stopCapturing();
      view.focus();
    },
    citeAnnotation(annotationId) {
      this.toggle(true);
      const resolved = options.resolveAnnotation(annotationId);
      const node = commentarySchema.nodes.annotation_ref!.create({ annotationId, label: resolved ? annotationLabel(resolved) : '' });
      const { state } = view;
      const tr = state.selection.$from.parent.inlineContent && state.selection.from > 1
        ? state.tr.replaceSelectionWith(node)
        : state.tr.insert(state.doc.content.size, commentarySchema.nodes.paragraph!.create(null, node));
      view.dispatch(tr.scrollIntoView());
      view.focus();
    },
    refreshReferences: () => references.refresh(),
    toggle(open) {
      element.hidden = open === undefined ? !element.hidden : !open;
    },
    refreshEditable,
    destroy() {
      isDestroyed = true;
      // y-prosemirror 1.3.7 batches cursor updates into a dispatch on the next tick, skipped only for
      // a binding marked destroyed, which its destroy() never does: marked here, so that a cursor
      // moved just before the page is left is not dispatched to a destroyed view.
      const binding = ySyncPluginKey.getState(view.state)?.binding as { isDestroyed?: boolean } | undefined;
      if (binding) binding.isDestroyed = true;
      view.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * The citation goes where the writer's cursor is (after everything if they never clicked into the
 * notebook), and the cursor goes into the paragraph after it, made if there is none: the writer goes
 * on writing, and the citation is never left node-selected (y-prosemirror cannot restore a selection
 * of a node another person's change, or an undo, removed).
 */
function insertCitation(state: EditorState, citation: PassageCitationAttrs): Transaction {
  const { nodes } = commentarySchema;
  const node = nodes.passage_citation!.create(citation);
  const atCursor = state.selection.from > 1;
  const tr = atCursor ? state.tr.replaceSelectionWith(node) : state.tr.insert(state.doc.content.size, node);
  if (atCursor && !(tr.selection instanceof NodeSelection)) return tr; // the cursor is already after it
  const end = atCursor ? tr.selection.to : tr.doc.content.size;
  if (!tr.doc.resolve(end).nodeAfter?.isTextblock) tr.insert(end, nodes.paragraph!.create());
  return tr.setSelection(TextSelection.create(tr.doc, end + 1));
}
