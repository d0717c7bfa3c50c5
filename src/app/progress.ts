import { html, nothing } from 'lit';

/**
 * How far a long job has got: a bar to see at a glance, named by its section's heading, and the
 * same words in a polite live region, so a screen reader hears each step without being
 * interrupted. With no progress, the region stays (empty), ready for the next job's words.
 */
export function progressRegion(
  headingId: string,
  progress: { done: number; total: number } | null,
  text: string,
) {
  return html`${
      progress && progress.total > 0
        ? html`<progress
            max=${progress.total}
            .value=${progress.done}
            aria-labelledby=${headingId}
            aria-valuetext=${text}
          ></progress>`
        : nothing
    }
    <p class="status" role="status">${text}</p>`;
}
