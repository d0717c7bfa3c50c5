import { css } from 'lit';

export const textNoticeStyles = css`
  :host {
    display: block;
    font-size: 1.25rem;
    /* Long words in any language wrap rather than overflow or truncate at 320 px. */
    overflow-wrap: anywhere;
    hyphens: auto;
  }

  :host([variant='large']) {
    font-size: max(2rem, var(--fw-text-notice-font-size, 2rem));
    line-height: 1.35;
    font-weight: 500;
  }

  p {
    margin-block: 0 0.6em;
    max-inline-size: 38ch;
  }

  p:last-child {
    margin-block-end: 0;
  }

  ul {
    display: grid;
    gap: 1rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 1.625rem;
    line-height: 1.3;
  }

  li {
    display: grid;
    grid-template-columns: 4.5rem 1fr;
    align-items: center;
    gap: 1rem;
  }

  svg {
    inline-size: 4.5rem;
    block-size: 4.5rem;
    color: var(--fw-color-text, #0b0c0c);
  }

  @media (max-width: 24rem) {
    li {
      grid-template-columns: 3.5rem 1fr;
    }
    svg {
      inline-size: 3.5rem;
      block-size: 3.5rem;
    }
  }

  @media (forced-colors: active) {
    svg {
      color: CanvasText;
    }
  }
`;
