/**
 * The commentary's editor: a ProseMirror view bound to the room's Y.XmlFragment by y-prosemirror.
 * Edits go into the Y.Doc (and so to the room); others' edits come back from it. Cursors and
 * selections of the others come from the provider's awareness, drawn in their presence colours;
 * undo and redo take back only this person's own changes (y-prosemirror's undo manager tracks the
 * sync plugin's origin, never remote updates).
 */
import { baseKeymap, toggleMark } from 'prosemirror-commands';
import { keymap } from 'prosemirror-keymap';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { redo, undo, yCursorPlugin, ySyncPlugin, yUndoPlugin } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { commentarySchema } from '../../shared/commentary-schema.ts';
import { safeColor } from '../margin/presence.ts';

export function createCommentaryEditor(mount: HTMLElement, fragment: Y.XmlFragment, awareness: Awareness, isEditable: () => boolean): EditorView {
  const { marks } = commentarySchema;
  const state = EditorState.create({
    schema: commentarySchema,
    plugins: [
      ySyncPlugin(fragment),
      yCursorPlugin(awareness, { cursorBuilder: buildCursor, selectionBuilder: (user: { color?: string }) => ({ style: `background-color: ${safeColor(String(user.color))}33` }) }),
      yUndoPlugin(),
      keymap({ 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo, 'Mod-b': toggleMark(marks.strong!), 'Mod-i': toggleMark(marks.em!) }),
      keymap(baseKeymap),
    ],
  });
  return new EditorView(mount, {
    state,
    editable: isEditable,
    attributes: { class: 'commentary-editor', 'aria-label': 'Commentary', role: 'textbox', 'aria-multiline': 'true' },
  });
}

/** Another person's caret with their name; colour and name from the wire, so set as text and checked. */
function buildCursor(user: { name?: unknown; color?: unknown }): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'commentary-caret';
  caret.style.borderColor = safeColor(String(user.color));
  const label = document.createElement('span');
  label.className = 'commentary-caret-name';
  label.style.backgroundColor = safeColor(String(user.color));
  label.textContent = typeof user.name === 'string' ? user.name : 'someone';
  caret.append(document.createTextNode('\u2060'), label, document.createTextNode('\u2060'));
  return caret;
}
