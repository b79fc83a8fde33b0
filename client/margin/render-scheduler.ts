/**
 * When the annotated reader renders after a change. A change after a quiet moment renders at the end
 * of the task that made it (one more card appears in the frame its update arrived in, not a frame
 * later); changes that follow within a frame of a render wait for the next animation frame, so a burst
 * of updates costs one render per frame, not one per update.
 */
const frameMs = 16;

export interface RenderScheduler {
  request(): void;
}

export function createRenderScheduler(render: () => void, isAlive: () => boolean): RenderScheduler {
  let isQueued = false;
  let lastRenderAt = Number.NEGATIVE_INFINITY;
  const run = () => {
    isQueued = false;
    // A render queued just before the page was left (a link followed) finds the view destroyed.
    if (!isAlive()) return;
    lastRenderAt = performance.now();
    render();
  };
  return {
    request() {
      if (isQueued) return;
      isQueued = true;
      if (performance.now() - lastRenderAt < frameMs) requestAnimationFrame(run);
      else queueMicrotask(run);
    },
  };
}
