/**
 * Moves focus to an element that is not normally focusable, such as a view's heading, so a screen
 * reader announces the new view. The temporary tabindex goes when focus leaves, so the heading does
 * not become a tab stop. Modelled on GOV.UK Frontend's setFocus.
 */
export function setFocus(element: HTMLElement | null | undefined): void {
  if (!element) return;
  if (!element.hasAttribute('tabindex')) {
    element.setAttribute('tabindex', '-1');
    element.addEventListener('blur', () => element.removeAttribute('tabindex'), { once: true });
  }
  element.focus({ preventScroll: false });
}
