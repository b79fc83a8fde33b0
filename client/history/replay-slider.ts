/**
 * Replay: a time slider (with play/pause) over the span of a document's events in a group. A moment
 * on it fetches the layer as it stood then (GET …/annotations?at=) and hands it to the page, which
 * shows it read-only; handing back null restores the present, the live layer. Marks under the
 * slider show where activity was dense.
 *
 * How long a past moment stays depends on how it was reached, so that the present comes back when
 * the person lets go, whichever way they hold the slider:
 * - dragging with the pointer shows the moment under it; releasing the pointer restores the present;
 * - arrow keys (Home, End, Page Up/Down) show the moment and hold it while the slider keeps focus;
 *   Escape, leaving the slider, or "Back to now" restore the present;
 * - Play steps through the span and restores the present at its end; Pause holds the moment it
 *   paused on until Play, "Back to now" or the slider moves again.
 */
import { el } from '../dom.ts';
import { getEvents, getLayer, type Layer } from '../services/history-api.ts';
import { timeLabel } from '../margin/margin-context.ts';
import { activityDensity } from './activity-density.ts';

/** Enough events to see the seminar's sessions without paging through a huge history. */
const maxEvents = 2_000;
const binCount = 60;
const playSteps = 60;
const playIntervalMs = 500;

export interface ReplaySlider {
  element: HTMLElement;
  destroy(): void;
}

export function createReplaySlider(groupId: string, documentId: string, onLayer: (layer: Layer | null, at: Date | null) => void): ReplaySlider {
  const open = el('button', { type: 'button', class: 'button-small button-quiet replay-open', 'aria-expanded': 'false' }, 'Replay');
  const slider = el('input', {
    type: 'range',
    class: 'replay-range',
    'aria-label': 'Replay: the annotations as they stood at',
    'aria-describedby': 'replay-hint',
    min: '0',
    max: '1',
    step: '1',
    value: '1',
  });
  const play = el('button', { type: 'button', class: 'button-small' }, 'Play');
  const now = el('button', { type: 'button', class: 'button-small', disabled: '' }, 'Back to now');
  const label = el('span', { class: 'replay-label', role: 'status', 'aria-live': 'polite' }, 'Live');
  const marks = el('div', { class: 'replay-marks', 'aria-hidden': 'true' });
  const hint = el('p', { class: 'replay-hint', id: 'replay-hint' }, 'Drag to look back; let go to return to now. Arrow keys hold a moment until Escape or leaving the slider.');
  const controls = el('div', { class: 'replay-controls', hidden: '' }, el('div', { class: 'replay-track' }, slider, marks), play, now, label, hint);
  const element = el('div', { class: 'replay' }, open, controls);

  let start = 0;
  let end = 1;
  let isLoaded = false;
  let request = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let player: ReturnType<typeof setInterval> | undefined;
  /** Whether a past layer is shown or on its way: only then is there a present to restore. */
  let isPast = false;
  /** Whether the pointer holds the slider: its release, not the slider's `change`, ends the moment. */
  let isDragging = false;

  open.addEventListener('click', () => {
    const isOpen = controls.hidden;
    controls.hidden = !isOpen;
    open.setAttribute('aria-expanded', String(isOpen));
    if (isOpen && !isLoaded) void load();
    if (!isOpen) backToNow();
  });

  async function load(): Promise<void> {
    label.textContent = 'Loading the history…';
    const times: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await getEvents(groupId, documentId, cursor);
      if (page.type === 'error') {
        label.textContent = `Could not load the history: ${page.message}`;
        return;
      }
      times.push(...page.value.events.map((event) => Date.parse(event.at)));
      cursor = page.value.nextCursor;
    } while (cursor && times.length < maxEvents);
    isLoaded = true;
    end = Date.now();
    // A second before the first event shows the empty layer the seminar started from.
    start = times.length > 0 ? Math.min(...times) - 1_000 : end - 60_000;
    slider.min = String(start);
    slider.max = String(end);
    slider.value = String(end);
    marks.replaceChildren(
      ...activityDensity(times, start, end, binCount).map((bin) =>
        el('span', { class: `replay-mark${bin.weight >= 0.5 ? ' is-dense' : ''}`, style: `height: ${Math.round(bin.weight * 100)}%`, title: `${bin.count} changes` }),
      ),
    );
    label.textContent = 'Live';
  }

  slider.addEventListener('input', () => {
    // Moving the slider by hand takes over from the player.
    stopPlaying();
    // A drag fires many events: fetch the instant it settles on.
    clearTimeout(timer);
    timer = setTimeout(() => show(Number(slider.value)), 120);
  });
  slider.addEventListener('change', () => {
    // From the keyboard, `change` follows each step; from the pointer it comes with the release.
    if (isDragging) return;
    clearTimeout(timer);
    show(Number(slider.value));
  });
  const release = () => {
    window.removeEventListener('pointerup', release);
    window.removeEventListener('pointercancel', release);
    if (!isDragging) return;
    isDragging = false;
    backToNow();
  };
  slider.addEventListener('pointerdown', () => {
    isDragging = true;
    stopPlaying();
    // The pointer may be released anywhere on the page, away from the slider.
    window.addEventListener('pointerup', release);
    window.addEventListener('pointercancel', release);
  });
  slider.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isPast) {
      event.preventDefault();
      backToNow();
    }
  });
  slider.addEventListener('blur', () => {
    if (!isDragging && player === undefined) backToNow();
  });

  function show(time: number): void {
    if (time >= end) {
      backToNow();
      return;
    }
    const at = new Date(time);
    const token = ++request;
    isPast = true;
    now.disabled = false;
    label.textContent = `As of ${timeLabel(at.toISOString())}…`;
    void getLayer(groupId, documentId, at).then((result) => {
      if (token !== request) return;
      if (result.type === 'error') {
        label.textContent = `Could not load that moment: ${result.message}`;
        return;
      }
      label.textContent = `As of ${timeLabel(at.toISOString())} (read-only)`;
      onLayer(result.value, at);
    });
  }

  function backToNow(): void {
    stopPlaying();
    request += 1;
    clearTimeout(timer);
    slider.value = String(end);
    if (!isPast) return;
    isPast = false;
    now.disabled = true;
    label.textContent = 'Live';
    onLayer(null, null);
  }
  now.addEventListener('click', backToNow);

  function stopPlaying(): void {
    clearInterval(player);
    player = undefined;
    play.textContent = 'Play';
  }
  play.addEventListener('click', () => {
    if (player !== undefined) {
      stopPlaying();
      return;
    }
    if (Number(slider.value) >= end) slider.value = String(start);
    play.textContent = 'Pause';
    player = setInterval(() => {
      const next = Math.min(end, Number(slider.value) + (end - start) / playSteps);
      slider.value = String(next);
      if (next >= end) backToNow();
      else show(next);
    }, playIntervalMs);
  });

  return {
    element,
    destroy() {
      clearTimeout(timer);
      stopPlaying();
      window.removeEventListener('pointerup', release);
      window.removeEventListener('pointercancel', release);
      request += 1;
    },
  };
}
