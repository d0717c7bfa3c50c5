import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { MediaQueryController, REDUCED_MOTION } from './media-query.js';

/**
 * The attribute a page puts on a container to ask every Forewarn element inside it, through any
 * number of shadow roots, to hold still as if the person had asked for reduced motion. The lab's
 * reduced-motion simulator sets it on its preview; the person's own setting always wins.
 */
export const REDUCED_MOTION_ATTRIBUTE = 'data-fw-reduced-motion';

const live = new Set<ReducedMotionController>();

/** Whether an element, or any ancestor across shadow roots, asks for reduced motion. */
function overriddenAbove(element: Element): boolean {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.hasAttribute(REDUCED_MOTION_ATTRIBUTE)) return true;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}

/**
 * The one way an element asks whether to move: `prefers-reduced-motion`, or a page's override
 * (see `setReducedMotion`). Re-renders its host when either changes. As Shoelace's animate.ts
 * does, components ask here rather than reading the media query themselves.
 */
export class ReducedMotionController implements ReactiveController {
  private readonly query: MediaQueryController;

  constructor(private readonly host: ReactiveControllerHost & Element) {
    this.query = new MediaQueryController(host, REDUCED_MOTION);
    host.addController(this);
  }

  /** True when the element should hold still. */
  get matches(): boolean {
    return this.query.matches || overriddenAbove(this.host);
  }

  hostConnected(): void {
    live.add(this);
  }

  hostDisconnected(): void {
    live.delete(this);
  }

  /** @internal */
  refresh(): void {
    this.host.requestUpdate();
  }
}

/**
 * Asks every Forewarn element inside `container` to hold still (or lets them move again), without
 * changing the person's own setting. Used by the lab's reduced-motion simulator.
 */
export function setReducedMotion(container: Element, reduce: boolean): void {
  if (container.hasAttribute(REDUCED_MOTION_ATTRIBUTE) === reduce) return;
  container.toggleAttribute(REDUCED_MOTION_ATTRIBUTE, reduce);
  for (const controller of live) controller.refresh();
}
