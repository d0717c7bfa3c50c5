/**
 * Runs a callback once the browser has painted the current frame: a task queued from an animation
 * frame callback runs after that frame is drawn. Work that must not delay what the person sees
 * (reporting, moving focus) goes here.
 */
export function afterPaint(callback: () => void): void {
  requestAnimationFrame(() => setTimeout(callback, 0));
}
