/**
 * A commentary as plain text, block by block: what a version comparison diffs (and what a plain
 * export reads). Citations read as their quoted words with the page; annotation references as their label.
 */
export interface CommentaryJson {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: CommentaryJson[];
}

/** One line per text block, in order; a citation is a line of its own. */
export function commentaryLines(node: CommentaryJson): string[] {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return [inlineText(node)];
    case 'passage_citation': {
      const selectors = node.attrs?.selectors as { quote?: { exact?: string } } | undefined;
      const page = node.attrs?.page;
      return [`“${selectors?.quote?.exact ?? ''}”${typeof page === 'number' ? ` (p. ${page})` : ''}`];
    }
    default:
      return (node.content ?? []).flatMap(commentaryLines);
  }
}

function inlineText(node: CommentaryJson): string {
  return (node.content ?? [])
    .map((child) => (child.type === 'text' ? (child.text ?? '') : child.type === 'annotation_ref' ? `[${String(child.attrs?.label || 'annotation')}]` : ''))
    .join('');
}
