/**
 * Seminar mode, on the group room's awareness: an owner or moderator may present (their entry
 * carries `presenting: {offset, focusedId}`, the canonical offset at the top of their view and the
 * annotation they have open); members may follow a presenter (`following: <userId>`), and then
 * scroll and open cards with them until they stop. The line beside the button says who presents
 * and who follows. Nothing is stored: leaving the page ends it.
 */
import { el } from '../dom.ts';
import type { Reader } from '../margin/presence.ts';

export interface Presenting {
  offset: number;
  focusedId: string | null;
}

export interface SeminarModeInput {
  me: { id: string };
  canPresent(): boolean;
  others(): Reader[];
  /** This reader's own awareness fields. */
  set(field: 'presenting' | 'following', value: Presenting | string | null): void;
  /** The canonical offset at the top of the view, or null when the text is out of view. */
  topOffset(): number | null;
  focusedId(): string | null;
  follow(presenting: Presenting): void;
}

export interface SeminarMode {
  element: HTMLElement;
  /** After any change (awareness, focus, role): publish or follow, and say who does what. */
  update(): void;
  destroy(): void;
}

const scrollDelayMs = 150;

export function createSeminarMode(input: SeminarModeInput): SeminarMode {
  const present = el('button', { type: 'button', class: 'button-small', 'aria-pressed': 'false' }, 'Present');
  const follow = el('button', { type: 'button', class: 'button-small', hidden: '' }, 'Follow');
  const status = el('span', { class: 'seminar-status', role: 'status', 'aria-live': 'polite' });
  const element = el('div', { class: 'seminar-mode' }, present, follow, status);
  let isPresenting = false;
  let followingId: string | null = null;
  let lastApplied = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const presenterOf = (readers: Reader[]) => readers.find((reader) => isPresentingState(reader.state.presenting) && reader.state.user.id !== input.me.id);

  function publish(): void {
    if (!isPresenting) return;
    const offset = input.topOffset();
    input.set('presenting', { offset: offset ?? 0, focusedId: input.focusedId() });
  }

  present.addEventListener('click', () => {
    isPresenting = !isPresenting;
    if (isPresenting) {
      followingId = null;
      input.set('following', null);
      publish();
    } else input.set('presenting', null);
    update();
  });

  follow.addEventListener('click', () => {
    const presenter = presenterOf(input.others());
    followingId = followingId === null && presenter ? presenter.state.user.id : null;
    lastApplied = '';
    input.set('following', followingId);
    update();
  });

  const onScroll = () => {
    if (!isPresenting) return;
    clearTimeout(timer);
    timer = setTimeout(publish, scrollDelayMs);
  };
  window.addEventListener('scroll', onScroll, { passive: true });

  function update(): void {
    if (isPresenting && !input.canPresent()) {
      isPresenting = false;
      input.set('presenting', null);
    }
    present.hidden = !input.canPresent();
    present.setAttribute('aria-pressed', String(isPresenting));
    present.textContent = isPresenting ? 'Stop presenting' : 'Present';
    if (isPresenting) publish();

    const others = input.others();
    const presenter = presenterOf(others);
    if (followingId !== null && presenter?.state.user.id !== followingId) {
      // The presenter stopped or left: following ends with them.
      followingId = null;
      input.set('following', null);
    }
    follow.hidden = isPresenting || (!presenter && followingId === null);
    follow.textContent = followingId !== null ? 'Stop following' : `Follow ${presenter?.state.user.name ?? ''}`.trim();
    follow.setAttribute('aria-pressed', String(followingId !== null));

    const presenterName = isPresenting ? 'You are' : presenter ? `${presenter.state.user.name} is` : null;
    const presenterId = isPresenting ? input.me.id : (presenter?.state.user.id ?? null);
    const followers = [...new Set(others.filter((reader) => presenterId !== null && reader.state.following === presenterId).map((reader) => reader.state.user.name))];
    status.textContent = presenterName ? `${presenterName} presenting${followers.length > 0 ? ` · following: ${followers.join(', ')}` : ''}` : '';

    if (followingId !== null && presenter && isPresentingState(presenter.state.presenting)) {
      const key = JSON.stringify(presenter.state.presenting);
      if (key !== lastApplied) {
        lastApplied = key;
        input.follow(presenter.state.presenting);
      }
    }
  }

  return {
    element,
    update,
    destroy() {
      clearTimeout(timer);
      window.removeEventListener('scroll', onScroll);
    },
  };
}

function isPresentingState(value: unknown): value is Presenting {
  return typeof value === 'object' && value !== null && typeof (value as Presenting).offset === 'number';
}
