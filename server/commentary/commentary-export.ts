/**
 * The commentary as a file that leaves the seminar: Markdown, or an HTML page made for printing.
 * Citations are resolved: a passage citation reads as its quotation with the source and printed page;
 * an annotation reference as its author and first words, or says that the annotation was deleted or
 * hidden. Nothing of the notebook is trusted as markup: every text is escaped, links kept only when
 * they are http(s) or mailto.
 */
import { isSafeHref } from '../../shared/commentary-schema.ts';
import { annotationLabel, type CommentaryJson, type ResolvedAnnotation } from '../../shared/commentary-text.ts';

export type { ResolvedAnnotation } from '../../shared/commentary-text.ts';

export interface ExportContext {
  title: string;
  /** "Foreign Relations of the United States, …, Document 97": what a passage citation names as its source. */
  source: string;
  resolve(annotationId: string): ResolvedAnnotation;
}

function citationLine(node: CommentaryJson, context: ExportContext): { quote: string; reference: string } {
  const selectors = node.attrs?.selectors as { quote?: { exact?: string } } | undefined;
  const page = node.attrs?.page;
  return { quote: selectors?.quote?.exact ?? '', reference: `${context.source}${typeof page === 'number' ? `, p. ${page}` : ''}` };
}

// --- Markdown ------------------------------------------------------------------------------------

const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>#|~])/g, '\\$1');

function inlineMarkdown(nodes: CommentaryJson[] = [], context: ExportContext): string {
  return nodes
    .map((node) => {
      if (node.type === 'annotation_ref') return `[${escapeMarkdown(annotationLabel(context.resolve(String(node.attrs?.annotationId))))}]`;
      let text = escapeMarkdown(node.text ?? '');
      for (const mark of (node as { marks?: { type: string; attrs?: { href?: unknown } }[] }).marks ?? []) {
        if (mark.type === 'em') text = `*${text}*`;
        else if (mark.type === 'strong') text = `**${text}**`;
        else if (mark.type === 'link' && isSafeHref(mark.attrs?.href)) text = `[${text}](${mark.attrs.href.replace(/[()\s]/g, encodeURIComponent)})`;
      }
      return text;
    })
    .join('');
}

function blockMarkdown(node: CommentaryJson, context: ExportContext): string {
  const children = node.content ?? [];
  const prefixed = (text: string, first: string, rest: string) =>
    text
      .split('\n')
      .map((line, index) => (index === 0 ? first : rest) + line)
      .join('\n');
  switch (node.type) {
    case 'heading':
      return `${'#'.repeat(Math.min(3, Math.max(1, Number(node.attrs?.level) || 2)))} ${inlineMarkdown(children, context)}`;
    case 'paragraph':
      return inlineMarkdown(children, context);
    case 'blockquote':
      return prefixed(children.map((child) => blockMarkdown(child, context)).join('\n\n'), '> ', '> ');
    case 'bullet_list':
    case 'ordered_list':
      return children.map((item, index) => prefixed(blockMarkdown(item, context), node.type === 'bullet_list' ? '- ' : `${index + 1}. `, '   ')).join('\n');
    case 'list_item':
      return children.map((child) => blockMarkdown(child, context)).join('\n\n');
    case 'passage_citation': {
      const { quote, reference } = citationLine(node, context);
      return `> “${escapeMarkdown(quote)}”\n>\n> — ${escapeMarkdown(reference)}`;
    }
    default:
      return children.map((child) => blockMarkdown(child, context)).join('\n\n');
  }
}

export function commentaryMarkdown(content: CommentaryJson, context: ExportContext): string {
  return `# Commentary: ${escapeMarkdown(context.title)}\n\n${blockMarkdown(content, context)}\n`;
}

// --- printable HTML ------------------------------------------------------------------------------

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function inlineHtml(nodes: CommentaryJson[] = [], context: ExportContext): string {
  return nodes
    .map((node) => {
      if (node.type === 'annotation_ref') {
        const resolved = context.resolve(String(node.attrs?.annotationId));
        return `<span class="annotation-ref ${resolved.state}">[${escapeHtml(annotationLabel(resolved))}]</span>`;
      }
      let html = escapeHtml(node.text ?? '');
      for (const mark of (node as { marks?: { type: string; attrs?: { href?: unknown } }[] }).marks ?? []) {
        if (mark.type === 'em') html = `<em>${html}</em>`;
        else if (mark.type === 'strong') html = `<strong>${html}</strong>`;
        else if (mark.type === 'link' && isSafeHref(mark.attrs?.href)) html = `<a href="${escapeHtml(mark.attrs.href)}">${html}</a>`;
      }
      return html;
    })
    .join('');
}

function blockHtml(node: CommentaryJson, context: ExportContext): string {
  const inner = () => (node.content ?? []).map((child) => blockHtml(child, context)).join('\n');
  switch (node.type) {
    case 'heading': {
      const level = Math.min(3, Math.max(1, Number(node.attrs?.level) || 2)) + 1; // h1 is the page's title
      return `<h${level}>${inlineHtml(node.content, context)}</h${level}>`;
    }
    case 'paragraph':
      return `<p>${inlineHtml(node.content, context)}</p>`;
    case 'blockquote':
      return `<blockquote>${inner()}</blockquote>`;
    case 'bullet_list':
      return `<ul>${inner()}</ul>`;
    case 'ordered_list':
      return `<ol>${inner()}</ol>`;
    case 'list_item':
      return `<li>${inner()}</li>`;
    case 'passage_citation': {
      const { quote, reference } = citationLine(node, context);
      return `<figure class="citation"><blockquote>“${escapeHtml(quote)}”</blockquote><figcaption>${escapeHtml(reference)}</figcaption></figure>`;
    }
    default:
      return inner();
  }
}

export function commentaryHtml(content: CommentaryJson, context: ExportContext): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Commentary: ${escapeHtml(context.title)}</title>
<style>
  body { font: 12pt/1.5 Georgia, serif; max-width: 40em; margin: 2em auto; color: #111; }
  figure.citation { margin: 1em 0 1em 1.5em; }
  figure.citation blockquote { margin: 0; font-style: italic; }
  figcaption { font-size: 0.9em; color: #444; }
  .annotation-ref { color: #444; }
  @media print { body { margin: 0; } a { color: inherit; } }
</style>
</head>
<body>
<h1>Commentary: ${escapeHtml(context.title)}</h1>
${blockHtml(content, context)}
</body>
</html>
`;
}
