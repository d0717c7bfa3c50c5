import { css } from 'lit';

export const signVideoStyles = css`
  :host {
    display: block;
    max-inline-size: 100%;
  }

  .player {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
  }

  .sample {
    align-self: flex-start;
    margin: 0;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 2px solid var(--fw-color-muted, #484949);
    border-inline-start-width: 6px;
    border-radius: var(--fw-radius, 8px);
    background: var(--fw-color-surface, #ffffff);
    color: var(--fw-color-text, #0b0c0c);
    font-weight: 600;
  }

  .stage {
    display: grid;
    /* One cell that never grows past the stage, so the video letterboxes inside it. */
    grid-template: minmax(0, 1fr) / minmax(0, 1fr);
    aspect-ratio: 16 / 9;
    inline-size: 100%;
    background: var(--fw-color-video-bg, #0b0c0c);
  }

  video {
    display: block;
    inline-size: 100%;
    block-size: 100%;
    object-fit: contain;
  }

  .unavailable {
    place-self: center;
    margin: 0;
    padding: 1rem;
    color: var(--fw-color-surface, #ffffff);
    font-size: 1.25rem;
    font-weight: 600;
    text-align: center;
  }

  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  summary {
    min-block-size: var(--fw-target-size, 48px);
    padding-block: 0.6rem;
    padding-inline: 0.5rem;
    font-size: 1.125rem;
    font-weight: 600;
    cursor: pointer;
  }

  .transcript {
    padding-inline: 0.5rem;
  }

  .transcript p {
    margin-block: 0 0.75rem;
  }

  /* Full screen keeps the label, the captions and the controls: the video takes what is left. */
  .player:fullscreen {
    padding: 1rem;
    overflow: auto;
    background: var(--fw-color-surface, #ffffff);
  }

  .player:fullscreen .stage {
    flex: 1 1 0;
    min-block-size: 0;
    aspect-ratio: auto;
  }

  @media (forced-colors: active) {
    .sample {
      border-color: CanvasText;
    }
    .stage {
      background: Canvas;
      outline: 2px solid CanvasText;
    }
    .unavailable {
      color: CanvasText;
    }
  }
`;
