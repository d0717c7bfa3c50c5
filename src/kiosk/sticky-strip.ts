import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The most of the viewport's height the strip may cover and still stick to its foot. */
const MAX_SHARE = 1 / 4;

/**
 * The custom property on <html> that theme.css adds to the page's `scroll-padding-block-end`
 * (which keeps room for a focus ring as well).
 */
export const STICKY_BLOCK_END = '--fw-sticky-block-end';

/**
 * Keeps the notice's officer strip, stuck to the foot of the screen, from hiding the control that
 * has focus (WCAG 2.4.11 and 2.4.12). While the strip sticks, the page's scroll padding follows
 * its real height, which grows with each note to the officer, so the browser scrolls a focused
 * control clear of it. Where the strip would cover more than a quarter of the viewport (a phone on
 * its side, 400% zoom), there would be too little room left for a control, so it stops sticking and
 * sits after the notice, where it covers nothing. A fixed padding (6rem) was shorter than the strip
 * once it held a note.
 */
export class StickyStripController implements ReactiveController {
  /** Whether the strip sticks to the foot of the viewport. */
  sticky = true;

  private strip?: HTMLElement;
  private readonly observer = new ResizeObserver(() => this.measure());

  /** `find` returns the strip when the host has rendered one. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly find: () => HTMLElement | null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('resize', this.measure);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.measure);
    this.observer.disconnect();
    this.strip = undefined;
    document.documentElement.style.removeProperty(STICKY_BLOCK_END);
  }

  hostUpdated(): void {
    const strip = this.find() ?? undefined;
    if (strip === this.strip) return;
    this.observer.disconnect();
    this.strip = strip;
    // Observing reports the strip's size at once, before the frame is painted.
    if (strip) this.observer.observe(strip, { box: 'border-box' });
    else document.documentElement.style.removeProperty(STICKY_BLOCK_END);
  }

  private readonly measure = (): void => {
    if (!this.strip) return;
    const height = this.strip.getBoundingClientRect().height;
    const sticky = height <= innerHeight * MAX_SHARE;
    document.documentElement.style.setProperty(
      STICKY_BLOCK_END,
      sticky ? `${Math.ceil(height)}px` : '0px',
    );
    if (sticky !== this.sticky) {
      this.sticky = sticky;
      this.host.requestUpdate();
    }
  };
}
