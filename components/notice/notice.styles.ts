import { css } from 'lit';

export const noticeStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    align-items: stretch;
    gap: 1.25rem;
    inline-size: 100%;
    max-inline-size: var(--fw-notice-max-inline-size, 60rem);
    margin-inline: auto;
  }

  fw-beacon {
    align-self: flex-start;
  }

  .heading {
    margin: 0;
    font-size: clamp(2rem, 1.5rem + 2vw, 2.75rem);
    line-height: 1.2;
    overflow-wrap: anywhere;
  }

  .heading:focus {
    outline: none;
  }

  .heading:focus-visible {
    outline: 3px solid var(--fw-color-focus, #ffdd00);
    outline-offset: 4px;
    box-shadow: none;
  }

  .draft {
    margin: 0;
    padding: 0.5rem 0.75rem;
    border-inline-start: 6px solid var(--fw-color-muted, #484949);
    color: var(--fw-color-muted, #484949);
    font-size: 1rem;
  }

  .acknowledge {
    align-self: stretch;
    min-block-size: 4.5rem;
    font-size: 1.75rem;
    background: var(--fw-color-primary-bg, #1d2a44);
    color: var(--fw-color-primary-text, #ffffff);
    border-color: var(--fw-color-primary-bg, #1d2a44);
  }

  .acknowledge:hover {
    background: var(--fw-color-primary-hover, #2c3e63);
  }

  @media (forced-colors: active) {
    .acknowledge {
      background: ButtonFace;
      color: ButtonText;
      border: 3px solid ButtonText;
    }
    .draft {
      border-color: CanvasText;
      color: CanvasText;
    }
  }
`;
