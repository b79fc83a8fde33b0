/**
 * TEI block structure to ProseMirror blocks: paragraphs (`p`, and FRUS's `p rend="sectiontitle…"` as
 * section headings), lists, block quotes, tables (flattened), closers with their signature, and
 * attachments, whose head becomes a section heading.
 *
 * Content is read as a flow: runs of mixed content become one textblock, block elements their own
 * nodes, so a `<list>` inside a `<p>` splits the paragraph around it. A page break or a note that
 * stands between blocks joins the next textblock at its start, where the plain-text importer puts a
 * "[Page N]" line too.
 */
import type { Node as PMNode, NodeType } from 'prosemirror-model';
import { documentSchema as schema } from '../../shared/schema.ts';
import { inlineNodes, type TeiDocumentContext } from './tei-inline.ts';
import { childElements, isElement, type TeiChild, type TeiElement } from './tei-tree.ts';

/** Elements that begin a block when they stand in a flow; everything else runs inline. */
const blockNames = new Set([
  'p', 'list', 'table', 'closer', 'signed', 'opener', 'dateline', 'head', 'attachment', 'div', 'postscript', 'salute',
  'byline', 'ab', 'lg', 'l', 'trailer', 'docAuthor', 'epigraph', 'sp', 'address', 'argument',
]);

export class BlockReader {
  /** Atoms waiting for the next textblock (see the module comment). */
  private pending: PMNode[] = [];

  constructor(readonly context: TeiDocumentContext) {}

  /** A textblock of `type` from mixed content, with any waiting atoms at its start; null when empty. */
  textblock(type: NodeType, children: readonly TeiChild[], attrs: Record<string, unknown> | null = null): PMNode | null {
    return this.textblockOf(type, inlineNodes(children, this.context), attrs);
  }

  private textblockOf(type: NodeType, inline: PMNode[], attrs: Record<string, unknown> | null = null): PMNode | null {
    if (!inline.some((node) => node.isText)) {
      this.pending.push(...inline);
      return null;
    }
    const node = type.create(attrs, [...this.pending, ...inline]);
    this.pending = [];
    return node;
  }

  /** The atoms no textblock took: page breaks here belong to the next document. */
  leftovers(): PMNode[] {
    const left = this.pending;
    this.pending = [];
    return left;
  }

  flow(children: readonly TeiChild[], runType: NodeType = schema.nodes.paragraph!): PMNode[] {
    const blocks: PMNode[] = [];
    let run: TeiChild[] = [];
    const flush = () => {
      const node = this.textblock(runType, run);
      if (node) blocks.push(node);
      run = [];
    };
    for (const child of children) {
      if (isElement(child) && isBlock(child)) {
        flush();
        blocks.push(...this.block(child));
      } else {
        run.push(child);
      }
    }
    flush();
    return blocks;
  }

  block(element: TeiElement): PMNode[] {
    switch (element.name) {
      case 'p':
        return this.flow(element.children, /sectiontitle/.test(element.attrs.rend ?? '') ? schema.nodes.section_heading : schema.nodes.paragraph);
      case 'head':
        return this.flow(element.children, schema.nodes.section_heading);
      case 'list':
        return this.list(element);
      case 'quote': {
        const inner = this.flow(element.children);
        return inner.length > 0 ? [schema.node('blockquote', null, inner)] : [];
      }
      case 'closer':
      case 'signed':
        return this.closer(element.name === 'signed' ? [element] : element.children);
      case 'table':
        return this.table(element);
      default:
        return this.flow(element.children);
    }
  }

  private list(list: TeiElement): PMNode[] {
    const heading = childElements(list, 'head').flatMap((head) => this.flow(head.children, schema.nodes.section_heading));
    const items = childElements(list, 'item').flatMap((item) => {
      const content = this.flow(item.children);
      if (content.length === 0) return [];
      // An item opening with a nested list still needs its paragraph first.
      if (content[0]!.type !== schema.nodes.paragraph) content.unshift(schema.node('paragraph'));
      return [schema.node('list_item', null, content)];
    });
    if (items.length === 0) return heading;
    const ordered = list.attrs.type === 'ordered' || /ordered|numbered/.test(list.attrs.rend ?? '');
    return [...heading, schema.node('list', { ordered }, items)];
  }

  private closer(children: readonly TeiChild[]): PMNode[] {
    const content: PMNode[] = [];
    let run: TeiChild[] = [];
    const flush = () => {
      content.push(...this.flow(run));
      run = [];
    };
    for (const child of children) {
      if (isElement(child) && child.name === 'signed') {
        flush();
        const signed = this.textblock(schema.nodes.signed!, child.children);
        if (signed) content.push(signed);
      } else {
        run.push(child);
      }
    }
    flush();
    if (content.length === 0) return [];
    // A closer holding more than paragraphs and signatures (a list, say) is printed as plain blocks.
    const fits = content.every((node) => node.type === schema.nodes.paragraph || node.type === schema.nodes.signed);
    return fits ? [schema.node('closer', null, content)] : content;
  }

  private table(table: TeiElement): PMNode[] {
    this.context.warnings.push(`${this.context.documentId}: a table (line ${table.line}) is shown one row per paragraph, its cells separated by tabs`);
    return childElements(table, 'row').flatMap((row) => {
      const inline = childElements(row, 'cell')
        .map((cell) => inlineNodes(cell.children, this.context))
        .filter((cell) => cell.length > 0)
        .flatMap((cell, index) => (index === 0 ? cell : [schema.text('\t'), ...cell]));
      const node = this.textblockOf(schema.nodes.paragraph!, inline);
      return node ? [node] : [];
    });
  }
}

function isBlock(element: TeiElement): boolean {
  if (element.name === 'quote') return childElements(element).some(isBlock);
  return blockNames.has(element.name);
}
