import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Tracks a media query and re-renders the host when it changes. The one way components read
 * user preferences such as reduced motion or forced colours from script; CSS reads them directly.
 */
export class MediaQueryController implements ReactiveController {
  private readonly list: MediaQueryList;
  matches: boolean;

  constructor(
    private readonly host: ReactiveControllerHost,
    query: string,
  ) {
    this.list = window.matchMedia(query);
    this.matches = this.list.matches;
    host.addController(this);
  }

  private readonly onChange = (event: MediaQueryListEvent) => {
    this.matches = event.matches;
    this.host.requestUpdate();
  };

  hostConnected(): void {
    this.matches = this.list.matches;
    this.list.addEventListener('change', this.onChange);
  }

  hostDisconnected(): void {
    this.list.removeEventListener('change', this.onChange);
  }
}

export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
