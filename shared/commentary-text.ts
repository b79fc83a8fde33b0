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

/** What an annotation a commentary refers to has become, as its reader may see it. */
export type ResolvedAnnotation = { state: 'shown'; authorName: string; body: string } | { state: 'hidden' | 'deleted' | 'missing' };

/** What a record of the layer (as its readers see it) means for a reference to it; none: deleted. */
export function resolveAnnotationRecord(record: { isDeleted: boolean; isHidden: boolean; body: string | null; authorName: string } | undefined): ResolvedAnnotation {
  if (!record) return { state: 'missing' };
  if (record.isDeleted) return { state: 'deleted' };
  if (record.isHidden || record.body === null) return { state: 'hidden' };
  return { state: 'shown', authorName: record.authorName, body: record.body };
}

function firstWords(body: string, count = 12): string {
  const words = body.split(/\s+/).filter(Boolean);
  return words.slice(0, count).join(' ') + (words.length > count ? '…' : '');
}

/** An annotation reference as it reads: its author and first words, or what became of it. */
export function annotationLabel(resolved: ResolvedAnnotation): string {
  switch (resolved.state) {
    case 'shown':
      return `${resolved.authorName}: “${firstWords(resolved.body)}”`;
    case 'hidden':
      return 'an annotation hidden by a moderator';
    default:
      return 'an annotation since deleted';
  }
}
