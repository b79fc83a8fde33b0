/** The commentary's few tools: emphasis, strong, a heading, a paragraph, a quote, a list; undo, redo. */
import { setBlockType, toggleMark, wrapIn, lift } from 'prosemirror-commands';
import type { Command } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { redo, undo } from 'y-prosemirror';
import { commentarySchema } from '../../shared/commentary-schema.ts';
import { el } from '../dom.ts';

const { nodes, marks } = commentarySchema;

/** Wraps the block in a one-item bullet list. */
const bulletList: Command = (state, dispatch) => wrapIn(nodes.bullet_list!)(state, dispatch) || wrapIn(nodes.list_item!)(state, dispatch);

const tools: Array<{ label: string; title: string; command: Command }> = [
  { label: 'B', title: 'Strong (Ctrl+B)', command: toggleMark(marks.strong!) },
  { label: 'I', title: 'Emphasis (Ctrl+I)', command: toggleMark(marks.em!) },
  { label: 'H', title: 'Heading', command: setBlockType(nodes.heading!, { level: 2 }) },
  { label: '¶', title: 'Paragraph', command: setBlockType(nodes.paragraph!) },
  { label: '“', title: 'Block quote', command: wrapIn(nodes.blockquote!) },
  { label: '•', title: 'Bullet list', command: bulletList },
  { label: '⇤', title: 'Lift out of a quote or list', command: lift },
  { label: '↶', title: 'Undo your last change (Ctrl+Z)', command: undo },
  { label: '↷', title: 'Redo (Ctrl+Y)', command: redo },
];

export function createCommentaryToolbar(view: EditorView): HTMLElement {
  const toolbar = el('div', { class: 'commentary-toolbar', role: 'toolbar', 'aria-label': 'Commentary formatting' });
  for (const tool of tools) {
    const button = el('button', { type: 'button', class: 'button-small', title: tool.title, 'aria-label': tool.title }, tool.label);
    // mousedown, not click: the editor keeps its selection.
    button.addEventListener('mousedown', (event) => {
      event.preventDefault();
      tool.command(view.state, view.dispatch, view);
      view.focus();
    });
    toolbar.append(button);
  }
  return toolbar;
}
