import { css } from 'lit';

export const beaconStyles = css`
  :host {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    max-inline-size: 100%;
    font-size: var(--fw-beacon-font-size, 1.5rem);
  }

  .indicator {
    display: inline-flex;
    align-items: center;
    gap: 0.75rem;
    padding: 0.5rem 1rem 0.5rem 0.75rem;
    border: 3px solid var(--fw-color-recording, #b3261e);
    border-radius: 999px;
    background: var(--fw-color-surface, #ffffff);
  }

  .symbol {
    position: relative;
    display: inline-grid;
    place-items: center;
    inline-size: 1.5em;
    block-size: 1.5em;
  }

  .symbol svg {
    inline-size: 100%;
    block-size: 100%;
  }

  /*
   * The pulse: one smooth rise and fall every 2 s (0.5 Hz), between full and 55% opacity of a
   * small, not-saturated red dot. WCAG 2.3.1 allows 3 flashes a second; this is far below it and
   * is never a flash. The analyser in test/e2e measures it from rendered frames.
   */
  .symbol .accent {
    transform-box: view-box;
    transform-origin: 50% 50%;
    animation: fw-beacon-pulse 2s ease-in-out infinite;
  }

  :host([paused]) .symbol .accent {
    animation-play-state: paused;
  }

  @keyframes fw-beacon-pulse {
    0%,
    100% {
      opacity: 1;
      transform: scale(1);
    }
    50% {
      opacity: 0.55;
      transform: scale(0.85);
    }
  }

  .label {
    font-weight: 700;
    letter-spacing: 0.01em;
  }

  button {
    font-size: 1rem;
    padding-inline: 0.75rem;
  }

  /* Reduced motion (the person's setting or a page's override; see shared/motion.ts). */
  .still .symbol .accent {
    animation: none;
  }

  @media (forced-colors: active) {
    .indicator {
      border-color: CanvasText;
      background: Canvas;
      color: CanvasText;
    }
    .symbol .accent {
      animation: none;
    }
    button {
      display: none;
    }
  }
`;
