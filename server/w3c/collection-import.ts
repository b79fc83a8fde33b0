/**
 * Reading a W3C Web Annotation collection (ours, or another tool's export) into commands for one
 * seminar's layer on one document. Each annotation is anchored by its selectors onto the document's
 * canonical text as a stored annotation would be (shared/anchoring.ts: the position if it still holds
 * the quote, else the quote by its context, else an approximate quote); what cannot be placed is
 * reported with its reason, never dropped in silence. Replies (motivation `replying`) follow the
 * annotation or reply of the same collection that they target.
 *
 * The commands are written by the person importing (the only author a seminar can vouch for); who
 * wrote the words, and when, stays in the body's last line.
 */
import type { Unplaced } from '../../shared/layer-import.ts';
import { randomUUID } from 'node:crypto';
import { anchor } from '../../shared/anchoring.ts';
import type { AnnotationKind } from '../../shared/annotation-vocabulary.ts';
import { codePointOffsets } from '../../shared/code-points.ts';
import { describeRange } from '../../shared/describe-range.ts';

/** More than any seminar's layer on one document; a larger file is refused before anything is read. */
export const maxImportedItems = 5000;

export interface ImportPlan {
  /** `quote`: the passage found, for the report should the server refuse the command. */
  annotations: { sourceId: string; quote: string; command: Record<string, unknown> & { annotationId: string } }[];
  /** In an order where each reply's target comes before it (or is one of `annotations`). */
  replies: { sourceId: string; targetId: string; body: string }[];
  unplaced: Unplaced[];
}

type Json = Record<string, unknown>;

const kindOfMotivation: Record<string, AnnotationKind> = { commenting: 'comment', questioning: 'question', editing: 'correction', highlighting: 'highlight' };

export interface PlanOptions {
  /** Whether the first author and date go in the body's last line (an import: yes; a Protocol POST by its author: no). */
  keepProvenance?: boolean;
  /** Ids that replies may answer besides the collection's own: the items already in the layer. */
  alreadyPlaced?: Iterable<string>;
}

export function planImport(input: unknown, text: string, target: { groupId: string; documentId: string }, options: PlanOptions = {}): ImportPlan | { error: string } {
  const items = itemsOf(input);
  if (!items) return { error: 'This is not a W3C annotation collection, page or list of annotations' };
  if (items.length > maxImportedItems) return { error: `A collection of ${items.length} annotations is more than ${maxImportedItems} at once` };
  const offsets = codePointOffsets(text);
  const codePointLength = offsets.toCodePoints(text.length, 'backward');
  const plan: ImportPlan = { annotations: [], replies: [], unplaced: [] };
  const placed = new Set<string>(options.alreadyPlaced);
  const withProvenance = options.keepProvenance === false ? (words: string) => words : provenanceLine;
  const pendingReplies: ImportPlan['replies'] = [];

  items.forEach((raw, index) => {
    const item = isObject(raw) ? raw : {};
    const sourceId = typeof item.id === 'string' && item.id !== '' ? item.id : `item ${index + 1}`;
    const motivations = asArray(item.motivation).filter((m): m is string => typeof m === 'string');
    const { words, tags } = bodiesOf(item);
    const provenance = provenanceOf(item);
    if (!asArray(item.type).includes('Annotation')) {
      plan.unplaced.push({ id: sourceId, quote: null, reason: 'it is not an Annotation' });
      return;
    }
    if (motivations.includes('replying')) {
      const targetId = asArray(item.target).find((t): t is string => typeof t === 'string') ?? (isObject(item.target) && typeof item.target.id === 'string' ? item.target.id : null);
      if (!targetId) plan.unplaced.push({ id: sourceId, quote: null, reason: 'a reply that names no annotation it answers' });
      else if (words === '') plan.unplaced.push({ id: sourceId, quote: null, reason: 'a reply without words' });
      else pendingReplies.push({ sourceId, targetId, body: withProvenance(words, provenance) });
      return;
    }
    const selectors = selectorsOf(item.target);
    if (!selectors.quote && !selectors.position) {
      plan.unplaced.push({ id: sourceId, quote: null, reason: 'its target has no TextQuoteSelector or TextPositionSelector' });
      return;
    }
    // Positions count code points (W3C); ours count UTF-16 units. Out of the text, a position says nothing.
    const position =
      selectors.position && selectors.position.start < selectors.position.end && selectors.position.end <= codePointLength
        ? { start: offsets.toUtf16(selectors.position.start), end: offsets.toUtf16(selectors.position.end) }
        : null;
    const exact = selectors.quote?.exact ?? (position ? text.slice(position.start, position.end) : '');
    const found = anchor(text, {
      position: { type: 'TextPositionSelector', start: position?.start ?? 0, end: position?.end ?? exact.length },
      quote: { type: 'TextQuoteSelector', exact, prefix: selectors.quote?.prefix ?? '', suffix: selectors.quote?.suffix ?? '' },
    });
    if (found.type === 'orphan' || exact === '') {
      plan.unplaced.push({ id: sourceId, quote: exact || null, reason: found.type === 'orphan' ? found.reason : 'an empty passage' });
      return;
    }
    const kind = motivations.map((m) => kindOfMotivation[m]).find((k) => k !== undefined) ?? 'comment';
    const annotationId = randomUUID();
    const selectorsFound = describeRange(text, found.start, found.end);
    plan.annotations.push({
      sourceId,
      quote: selectorsFound.quote.exact,
      command: {
        type: 'annotation.create',
        commandId: randomUUID(),
        annotationId,
        target: { type: 'group', groupId: target.groupId },
        documentId: target.documentId,
        // A highlight with words is a comment here: our highlights are bare.
        kind: kind === 'highlight' && words !== '' ? 'comment' : kind,
        selectors: selectorsFound,
        body: words === '' && kind === 'highlight' ? '' : withProvenance(words, provenance),
        tags,
      },
    });
    placed.add(sourceId);
  });

  // Replies in an order where what each answers is placed first; the rest answer nothing placed.
  let remaining = pendingReplies;
  for (let ready = remaining; ready.length > 0; ) {
    ready = remaining.filter((reply) => placed.has(reply.targetId));
    for (const reply of ready) {
      plan.replies.push(reply);
      placed.add(reply.sourceId);
    }
    remaining = remaining.filter((reply) => !ready.includes(reply));
  }
  for (const reply of remaining) plan.unplaced.push({ id: reply.sourceId, quote: null, reason: `it answers ${reply.targetId}, which is not placed from this collection` });
  return plan;
}

/** The annotations of a collection with its first page embedded, of a page, or of a list. */
function itemsOf(input: unknown): unknown[] | null {
  if (Array.isArray(input)) return input;
  if (!isObject(input)) return null;
  const types = asArray(input.type);
  if (types.includes('AnnotationCollection') && isObject(input.first) && Array.isArray(input.first.items)) return input.first.items;
  if (types.includes('AnnotationPage') && Array.isArray(input.items)) return input.items;
  if (types.includes('Annotation')) return [input];
  return null;
}

/** The words (the textual bodies that are not tags, one paragraph each) and the tags. */
function bodiesOf(item: Json): { words: string; tags: string[] } {
  const words: string[] = [];
  const tags: string[] = [];
  if (typeof item.bodyValue === 'string' && item.bodyValue.trim() !== '') words.push(item.bodyValue.trim());
  for (const body of asArray(item.body)) {
    if (!isObject(body) || typeof body.value !== 'string' || body.value.trim() === '') continue;
    if (asArray(body.purpose).includes('tagging')) tags.push(body.value.trim());
    // A moderator's notice in our own exports stands for a hidden text: it is not the author's words.
    else if (!asArray(body.purpose).includes('moderating')) words.push(body.value.trim());
  }
  return { words: words.join('\n\n'), tags: [...new Set(tags)] };
}

function selectorsOf(target: unknown): { quote: { exact: string; prefix: string; suffix: string } | null; position: { start: number; end: number } | null } {
  let quote: { exact: string; prefix: string; suffix: string } | null = null;
  let position: { start: number; end: number } | null = null;
  for (const resource of asArray(target)) {
    if (!isObject(resource)) continue;
    for (const selector of asArray(resource.selector)) {
      if (!isObject(selector)) continue;
      if (selector.type === 'TextQuoteSelector' && typeof selector.exact === 'string') {
        quote ??= { exact: selector.exact, prefix: typeof selector.prefix === 'string' ? selector.prefix : '', suffix: typeof selector.suffix === 'string' ? selector.suffix : '' };
      } else if (selector.type === 'TextPositionSelector' && Number.isInteger(selector.start) && Number.isInteger(selector.end)) {
        position ??= { start: selector.start as number, end: selector.end as number };
      }
    }
  }
  return { quote, position };
}

/** Who wrote it and when, as the collection says: "Ana Ramos, 2026-11-02". */
function provenanceOf(item: Json): string {
  const creator = asArray(item.creator).find(isObject);
  const name = creator && typeof creator.name === 'string' ? creator.name : creator && typeof creator.nickname === 'string' ? creator.nickname : typeof item.creator === 'string' ? item.creator : null;
  const created = typeof item.created === 'string' ? item.created.slice(0, 10) : null;
  return [name ?? 'an unnamed author', created].filter(Boolean).join(', ');
}

const provenanceLine = (words: string, provenance: string) => `${words === '' ? '' : `${words}\n\n`}*Imported: ${provenance.replace(/[*_[\]]/g, '')}.*`;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]);
