/**
 * The margin: one card per shown annotation, each beside its passage and never overlapping another
 * (sorted by the passage's top, each pushed below the one before), laid out again whenever a card
 * opens, resizes or arrives; then the orphans, which no longer anchor in the text.
 */
import { el, statusMessage } from '../dom.ts';
import type { AnnotationItem, LayerView } from '../store/annotations.ts';
import { renderCard, type CardState } from './card.ts';
import { placeCards } from './layout.ts';
import type { MarginContext } from './margin-context.ts';

const gap = 8;

export interface MarginRender {
  layer: LayerView;
  shown: AnnotationItem[];
  focusedId: string | null;
  isLoading: boolean;
  isFiltered: boolean;
}

export interface Margin {
  element: HTMLElement;
  render(data: MarginRender): void;
  layout(): void;
  /** Moves keyboard focus to a card (after a render). */
  focusCard(id: string): void;
  destroy(): void;
}

/** `anchorTop`: the top of an annotation's passage, in pixels from the top of the document. */
export function createMargin(context: MarginContext, anchorTop: (item: AnnotationItem) => number | null, documentTop: () => number): Margin {
  const cards = el('div', { class: 'margin-cards' });
  const empty = el('div', { class: 'margin-empty' });
  const orphans = el('section', { class: 'orphans', 'aria-label': 'Orphaned annotations' });
  const element = el('div', { class: 'margin-column' }, empty, cards, orphans);
  const states = new Map<string, CardState>();
  const resizeObserver = new ResizeObserver(() => layout());
  // Up and Down move between cards (in document order), from a card or its thread toggle.
  cards.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (!target || !(target.classList.contains('card') || target.classList.contains('card-toggle'))) return;
    const toggles = [...cards.querySelectorAll<HTMLElement>('.card-toggle')];
    const at = toggles.findIndex((toggle) => target.contains(toggle) || toggle === target);
    const next = toggles[at + (event.key === 'ArrowDown' ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
      next.closest('.card')?.scrollIntoView({ block: 'nearest' });
    }
  });
  let last: MarginRender | null = null;
  let placed: { card: HTMLElement; item: AnnotationItem }[] = [];
  let cache = new Map<string, { signature: string; card: HTMLElement }>();

  const stateOf = (id: string): CardState => {
    let state = states.get(id);
    if (!state) {
      state = { isEditing: false, hiddenBody: null, notice: null, openForm: null };
      states.set(id, state);
    }
    return state;
  };

  function render(data: MarginRender): void {
    last = data;
    // Keep the keyboard where it was: the same control of the same card, once rebuilt.
    const active = document.activeElement;
    const activeKey = active instanceof HTMLElement && element.contains(active) ? focusKeyOf(active) : null;
    const selection = active instanceof HTMLTextAreaElement ? [active.selectionStart, active.selectionEnd] : null;

    resizeObserver.disconnect();
    const anchored = data.shown.filter((item) => item.anchor.type === 'anchored');
    const orphaned = data.shown.filter((item) => item.anchor.type === 'orphan');
    const built = new Map<string, { signature: string; card: HTMLElement }>();
    const build = (item: AnnotationItem) => {
      const id = item.record.id;
      const replies = data.layer.replies.get(id) ?? [];
      const isFocused = id === data.focusedId;
      // A card is rebuilt only when what it shows changed: a crowded margin stays cheap to update.
      const signature = JSON.stringify([
        item.record,
        item.isPending,
        isFocused,
        context.role,
        context.isReplaying(),
        stateOf(id),
        replies.map((reply) => [reply.record.id, reply.record.updatedAt, reply.record.isDeleted, reply.record.isHidden, reply.isPending]),
        isFocused ? context.replyingTo(id) : null,
      ]);
      const cached = cache.get(id);
      const card = cached && cached.signature === signature ? cached.card : renderCard(item, replies, isFocused, context, stateOf(id), () => last && render(last));
      built.set(id, { signature, card });
      return card;
    };
    placed = anchored.map((item) => ({ item, card: build(item) }));
    // Re-inserting the same cards would blur the one being typed in; only a changed list is replaced.
    const isSameList = placed.length === cards.children.length && placed.every(({ card }, index) => cards.children[index] === card);
    if (!isSameList) cards.replaceChildren(...placed.map(({ card }) => card));
    for (const { card } of placed) resizeObserver.observe(card);

    orphans.replaceChildren();
    if (orphaned.length > 0) {
      orphans.append(
        el('h2', { class: 'margin-heading' }, `Orphans (${orphaned.length})`),
        el('p', { class: 'quiet' }, 'These annotations’ passages are no longer in this version of the text.'),
        ...orphaned.map(build),
      );
    }

    cache = built;
    empty.replaceChildren();
    if (data.isLoading) empty.append(statusMessage('loading', 'Loading the seminar’s annotations…'));
    else if (data.shown.length === 0)
      empty.append(statusMessage('empty', data.isFiltered ? 'No annotation matches these filters.' : 'No annotations yet. Select a passage to start the discussion.'));

    layout();
    if (activeKey) {
      const again = element.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(activeKey)}"]`);
      if (again) {
        again.focus({ preventScroll: true });
        if (selection && again instanceof HTMLTextAreaElement) again.setSelectionRange(selection[0] ?? 0, selection[1] ?? 0);
      }
    }
  }

  function layout(): void {
    const isSideBySide = getComputedStyle(cards).position === 'relative' && matchMedia('(min-width: 62rem)').matches;
    const offset = documentTop() - cards.getBoundingClientRect().top;
    const tops = placed.map(({ item }) => anchorTop(item));
    const order = placed.map((entry, index) => ({ ...entry, top: (tops[index] ?? 0) + offset })).sort((a, b) => a.top - b.top);
    // All reads first (heights), then all writes (tops): no layout is forced between cards.
    const heights = order.map(({ card }) => card.offsetHeight);
    const focusedIndex = order.findIndex(({ item }) => item.record.id === last?.focusedId);
    const ys = placeCards(
      order.map(({ top }) => top),
      heights,
      focusedIndex === -1 ? null : focusedIndex,
      gap,
    );
    order.forEach(({ card }, index) => {
      card.style.top = isSideBySide ? `${Math.round(ys[index] ?? 0)}px` : '';
    });
    const lastIndex = order.length - 1;
    const bottom = lastIndex < 0 ? 0 : (ys[lastIndex] ?? 0) + (heights[lastIndex] ?? 0);
    cards.style.minHeight = isSideBySide ? `${Math.ceil(bottom)}px` : '';
  }

  return {
    element,
    render,
    layout,
    focusCard(id) {
      element.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`)?.focus({ preventScroll: true });
    },
    destroy: () => resizeObserver.disconnect(),
  };
}

function focusKeyOf(active: HTMLElement): string | null {
  const key = active.closest<HTMLElement>('[data-focus-key]')?.dataset.focusKey;
  if (key) return key;
  return null;
}
