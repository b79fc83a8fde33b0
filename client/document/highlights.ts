/**
 * The annotation layer drawn over the read-only document: highlights and other readers' live
 * selections, as ProseMirror decorations.
 *
 * Overlapping annotations are cut into elementary pieces, each decorated once with its depth (how
 * many annotations cover it), so a passage under two annotations reads darker than one under one and
 * every piece knows which annotations it belongs to (`data-annotations`, innermost first).
 *
 * The document never changes, so a decoration is known by what it draws (its offsets, classes and
 * ids). `showLayer` compares the wanted decorations with the shown ones and removes and adds only the
 * difference: one more annotation touches the pieces under its passage, and the view redraws only the
 * blocks whose decorations changed. Nothing changed, nothing is dispatched.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';
import type { TextMap } from '../../shared/canonical-text.ts';

export interface HighlightRange {
  id: string;
  start: number;
  end: number;
  kind: string;
  isPending: boolean;
  /** The colour of the annotation's first coloured tag, when highlights are coloured by tag. */
  colour?: string | null;
}

export interface RemoteSelection {
  start: number;
  end: number;
  color: string;
  name: string;
}

export interface LayerData {
  highlights: HighlightRange[];
  focusedId: string | null;
  remote: RemoteSelection[];
}

/** One elementary piece of the highlighted text and the annotations covering all of it. */
export interface HighlightPiece {
  start: number;
  end: number;
  /** Innermost (shortest) first; among equals, in the order the ranges were given. */
  covering: HighlightRange[];
}

interface LayerState {
  set: DecorationSet;
  /** The shown decorations by what they draw. */
  byKey: Map<string, Decoration>;
}

/** Ranges and the pieces `cutHighlights` made of them. */
export interface HighlightCut {
  ranges: readonly HighlightRange[];
  pieces: readonly HighlightPiece[];
}

const layerKey = new PluginKey<LayerState>('annotation-layer');
const emptyState: LayerState = { set: DecorationSet.empty, byKey: new Map() };
/** Each view's last ranges and pieces, from which its next ranges are cut again (`recutHighlights`). */
const lastCuts = new WeakMap<EditorView, HighlightCut>();

export function annotationLayerPlugin(): Plugin<LayerState> {
  return new Plugin<LayerState>({
    key: layerKey,
    state: {
      init: () => emptyState,
      apply(tr, state) {
        const next = tr.getMeta(layerKey) as LayerState | undefined;
        // The text is read-only: a transaction without new data maps nothing that moves.
        return next ?? (tr.docChanged ? { ...state, set: state.set.map(tr.mapping, tr.doc) } : state);
      },
    },
    props: { decorations: (state) => layerKey.getState(state)?.set },
  });
}

/**
 * Cuts the ranges at every start and end into pieces, by one sweep over the sorted boundaries: each
 * range enters the set of covering ranges at its start and leaves it at its end, so the work is
 * O(n log n) plus the size of the answer, not one scan of every range per piece.
 */
export function cutHighlights(ranges: readonly HighlightRange[]): HighlightPiece[] {
  const order = new Map<HighlightRange, number>();
  const valid = ranges.filter((range) => range.end > range.start);
  valid.forEach((range, index) => order.set(range, index));
  const byStart = [...valid].sort((a, b) => a.start - b.start);
  const byEnd = [...valid].sort((a, b) => a.end - b.end);
  const innerFirst = (a: HighlightRange, b: HighlightRange) => a.end - a.start - (b.end - b.start) || (order.get(a) ?? 0) - (order.get(b) ?? 0);
  const covering: HighlightRange[] = [];
  const pieces: HighlightPiece[] = [];
  let s = 0;
  let e = 0;
  while (s < byStart.length || e < byEnd.length) {
    const nextStart = byStart[s]?.start ?? Infinity;
    const nextEnd = byEnd[e]?.end ?? Infinity;
    const at = Math.min(nextStart, nextEnd);
    for (; e < byEnd.length && (byEnd[e] as HighlightRange).end === at; e++) covering.splice(covering.indexOf(byEnd[e] as HighlightRange), 1);
    for (; s < byStart.length && (byStart[s] as HighlightRange).start === at; s++) {
      const range = byStart[s] as HighlightRange;
      covering.splice(insertionIndex(covering, range, innerFirst), 0, range);
    }
    if (covering.length === 0) continue;
    const to = Math.min(byStart[s]?.start ?? Infinity, byEnd[e]?.end ?? Infinity);
    pieces.push({ start: at, end: to, covering: [...covering] });
  }
  return pieces;
}

/**
 * The pieces of `ranges`, as `cutHighlights` would cut them, cutting again only where they differ
 * from `previous.ranges`. Every range that appeared, went or changed lies in one span [lo, hi]; the
 * nearest boundaries of the new ranges outside it, x below and y above, are boundaries before and
 * after the change alike, so no piece crosses them: the pieces outside [x, y] are the previous ones
 * (the same objects), and those inside come from the few ranges that reach into [x, y], clipped to it.
 * If the ranges kept are not in the order they were (which orders equal lengths), it cuts afresh.
 */
export function recutHighlights(previous: HighlightCut | null, ranges: readonly HighlightRange[]): readonly HighlightPiece[] {
  if (!previous) return cutHighlights(ranges);
  const before = new Map<string, { range: HighlightRange; index: number }>();
  previous.ranges.forEach((range, index) => before.set(range.id, { range, index }));
  const seen = new Set<string>();
  let lo = Infinity;
  let hi = -Infinity;
  const touch = (range: HighlightRange) => {
    if (range.end <= range.start) return;
    lo = Math.min(lo, range.start);
    hi = Math.max(hi, range.end);
  };
  let lastIndex = -1;
  for (const range of ranges) {
    seen.add(range.id);
    const old = before.get(range.id);
    if (!old) {
      touch(range);
      continue;
    }
    if (old.index < lastIndex) return cutHighlights(ranges);
    lastIndex = old.index;
    if (!isSameRange(old.range, range)) {
      touch(old.range);
      touch(range);
    }
  }
  // Ids given twice: no single previous range to compare with.
  if (seen.size !== ranges.length || before.size !== previous.ranges.length) return cutHighlights(ranges);
  for (const { range } of before.values()) if (!seen.has(range.id)) touch(range);
  if (lo > hi) return previous.pieces;

  let x = lo;
  let y = hi;
  let below = -Infinity;
  let above = Infinity;
  for (const range of ranges) {
    if (range.end <= range.start) continue;
    for (const at of [range.start, range.end]) {
      if (at < lo && at > below) below = at;
      if (at > hi && at < above) above = at;
    }
  }
  if (below !== -Infinity) x = below;
  if (above !== Infinity) y = above;
  const inside = cutHighlights(ranges.filter((range) => range.start < y && range.end > x))
    .map((piece) => ({ ...piece, start: Math.max(piece.start, x), end: Math.min(piece.end, y) }))
    .filter((piece) => piece.end > piece.start);
  return [...previous.pieces.filter((piece) => piece.end <= x), ...inside, ...previous.pieces.filter((piece) => piece.start >= y)];
}

function isSameRange(a: HighlightRange, b: HighlightRange): boolean {
  return a === b || (a.start === b.start && a.end === b.end && a.kind === b.kind && a.isPending === b.isPending && a.colour === b.colour);
}

function insertionIndex<T>(sorted: T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(sorted[mid] as T, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface WantedDecoration {
  start: number;
  end: number;
  attrs: Record<string, string>;
}

/** A piece's decoration as last described, and whether it was focused then. */
interface DescribedPiece {
  key: string;
  wanted: WantedDecoration;
  isFocused: boolean;
}

/**
 * Pieces are kept (the same objects) from one render to the next outside the span that changed, so a
 * piece's description is kept with it and made again only if its focus changed.
 */
const described = new WeakMap<HighlightPiece, DescribedPiece>();

/** Shows the layer of `data`, changing only the decorations that differ from those shown. */
export function showLayer(view: EditorView, textMap: TextMap, data: LayerData): void {
  const shown = layerKey.getState(view.state) ?? emptyState;
  const pieces = recutHighlights(lastCuts.get(view) ?? null, data.highlights);
  lastCuts.set(view, { ranges: data.highlights, pieces });
  const wanted = new Map<string, WantedDecoration>();
  for (const piece of pieces) {
    const { key, wanted: decoration } = describePiece(piece, data.focusedId);
    wanted.set(key, decoration);
  }
  for (const selection of remoteDecorations(textMap, data.remote)) wanted.set(`r ${selection.start} ${selection.end} ${selection.attrs.style} ${selection.attrs.title}`, selection);

  const removed: Decoration[] = [];
  for (const [key, decoration] of shown.byKey) if (!wanted.has(key)) removed.push(decoration);
  const byKey = new Map<string, Decoration>();
  const added: Decoration[] = [];
  for (const [key, { start, end, attrs }] of wanted) {
    let decoration = shown.byKey.get(key);
    if (!decoration) {
      decoration = Decoration.inline(textMap.posAt(start, 1), textMap.posAt(end, -1), attrs);
      added.push(decoration);
    }
    byKey.set(key, decoration);
  }
  if (removed.length === 0 && added.length === 0) return;
  // A large change (a filter, the first render) is cheaper built afresh than patched.
  const set =
    removed.length + added.length > byKey.size / 2
      ? DecorationSet.create(view.state.doc, [...byKey.values()])
      : shown.set.remove(removed).add(view.state.doc, added);
  view.dispatch(view.state.tr.setMeta(layerKey, { set, byKey } satisfies LayerState));
}

function describePiece(piece: HighlightPiece, focusedId: string | null): DescribedPiece {
  const isFocused = focusedId !== null && piece.covering.some((range) => range.id === focusedId);
  const known = described.get(piece);
  if (known && known.isFocused === isFocused) return known;
  const top = piece.covering[0] as HighlightRange;
  const classes = ['hl', `hl-depth-${Math.min(piece.covering.length, 3)}`, `hl-${top.kind}`];
  if (isFocused) classes.push('hl-focused');
  if (piece.covering.every((range) => range.isPending)) classes.push('hl-pending');
  // A piece takes the colour of its innermost annotation, as it takes that annotation's kind.
  if (top.colour) classes.push('hl-tagged');
  const attrs: Record<string, string> = { class: classes.join(' '), 'data-annotations': piece.covering.map((range) => range.id).join(' ') };
  if (top.colour) attrs.style = `--tag-colour: ${top.colour}`;
  const key = `h ${piece.start} ${piece.end} ${attrs.class} ${attrs['data-annotations']} ${attrs.style ?? ''}`;
  const fresh: DescribedPiece = { key, wanted: { start: piece.start, end: piece.end, attrs }, isFocused };
  described.set(piece, fresh);
  return fresh;
}

function remoteDecorations(textMap: TextMap, remote: RemoteSelection[]): WantedDecoration[] {
  return remote
    .filter((selection) => selection.end > selection.start && selection.end <= textMap.text.length)
    .map((selection) => ({
      start: selection.start,
      end: selection.end,
      attrs: { class: 'remote-selection', style: `--reader-color: ${selection.color}`, title: `${selection.name} is reading this` },
    }));
}
