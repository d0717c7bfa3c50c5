/**
 * Runs a callback once the browser has painted the current frame: a task queued from an animation
 * frame callback runs after that frame is drawn. Work that must not delay what the person sees
 * (reporting, moving focus) goes here.
 */
export function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0));
}

/**
 * Runs a callback once the page is idle after its next paint: for warming what a later tap will
 * need (code, media) without competing with the first paint. Safari has no requestIdleCallback.
 */
export function whenIdle(callback: () => void): void {
  afterPaint(() => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(callback, { timeout: 2000 });
    else setTimeout(callback, 200);
  });
}
