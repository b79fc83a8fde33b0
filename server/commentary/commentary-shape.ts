/**
 * Whether a commentary state is a document of the commentary schema: what every editor and export
 * reads through y-prosemirror. Root names alone do not say it (commentary-update.ts): a member's
 * hand-made update may put a bare value or a map inside the fragment, or an element the schema does
 * not know, and y-prosemirror then throws, or drops it in every reader's editor (an observer's editor
 * would then try to write that deletion back). Stored, such an update would break the seminar's
 * commentary for good, so the log checks the state an update would make before storing it.
 */
import * as Y from 'yjs';
import { yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { commentarySchema } from '../../shared/commentary-schema.ts';
import { commentaryFragment } from '../../shared/rooms.ts';

/** What is wrong with the doc's commentary, or null when it is a document of the schema. */
export function commentaryShapeError(doc: Y.Doc): string | null {
  const fragment = doc.getXmlFragment(commentaryFragment);
  // A commentary nobody has written yet: the editor makes its first paragraph when it opens.
  if (fragment.length === 0) return null;
  const problem = treeProblem(fragment);
  if (problem) return problem;
  // y-prosemirror deletes what does not fit the schema as it reads: a change here is a misfit.
  let dropped = false;
  const onUpdate = () => {
    dropped = true;
  };
  doc.on('update', onUpdate);
  try {
    yXmlFragmentToProseMirrorRootNode(fragment, commentarySchema).check();
  } catch (error) {
    return `it is not a commentary document (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    doc.off('update', onUpdate);
  }
  return dropped ? 'it holds content the commentary does not allow where it stands' : null;
}

function treeProblem(parent: Y.XmlFragment): string | null {
  for (const child of parent.toArray() as unknown[]) {
    if (child instanceof Y.XmlText) {
      if ((child.toDelta() as { insert: unknown }[]).some((op) => typeof op.insert !== 'string')) return 'its text holds something that is not text';
    } else if (child instanceof Y.XmlElement) {
      if (!(child.nodeName in commentarySchema.nodes)) return `it holds an element <${child.nodeName}> the commentary does not know`;
      const inner = treeProblem(child);
      if (inner) return inner;
    } else {
      return 'it holds a value that is neither an element nor text';
    }
  }
  return null;
}

/** The state `doc` would have with `update`, checked on a copy; the room's own doc is not touched. */
export function shapeErrorAfter(doc: Y.Doc, update: Uint8Array): string | null {
  const copy = new Y.Doc();
  try {
    copy.getXmlFragment(commentaryFragment);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(copy, update);
    return commentaryShapeError(copy);
  } catch (error) {
    return `it cannot be applied (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    copy.destroy();
  }
}
