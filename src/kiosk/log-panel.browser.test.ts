import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceLog } from '../log/store.js';
import type { LogWriter } from './log-writer.js';
import { FwLogPanel } from './log-panel.js';

/** A log of `events` intact events, whose verify() calls are counted; save() adds one. */
function fakeLog() {
  let events = 3;
  const verify = vi.fn(async () => ({ ok: true as const, count: events }));
  const log = {
    purge: async () => 0,
    summary: async () => ({
      today: events,
      todayNotPossible: 0,
      pending: events,
      total: events,
      waiting: events,
      refused: 0,
    }),
    settings: async () => ({ retentionDays: 90 }),
    verify,
  };
  const writer = {
    open: async () => log as unknown as DeviceLog,
    // Never enrolled here: the panel's sync section is not under test.
    sync: () => new Promise(() => undefined),
  } as unknown as LogWriter;
  return { writer, verify, save: () => (events += 1) };
}

function mount(writer: LogWriter) {
  const panel = document.createElement('fw-log-panel');
  panel.writer = writer;
  panel.revision = 0;
  document.body.append(panel);
  return panel;
}

const integrity = (panel: HTMLElement) =>
  [...panel.shadowRoot!.querySelectorAll('li')]
    .map((li) => li.textContent!.trim())
    .find((text) => /verify|Checking the log/.test(text));

afterEach(() => document.body.replaceChildren());

describe('fw-log-panel: the integrity check', () => {
  it('checks the chain once for a burst of saves, when the page is idle, and shows the latest count', async () => {
    const { writer, verify, save } = fakeLog();
    const panel = mount(writer);
    await vi.waitFor(() => expect(integrity(panel)).toMatch(/all 3 events/));
    expect(verify).toHaveBeenCalledTimes(1);

    // Five saves in a row, as fast as the log takes them.
    for (let i = 1; i <= 5; i++) {
      save();
      panel.revision = i;
      await panel.updateComplete;
    }
    // Not verified in the way of the saves: the line says it is checking.
    expect(verify).toHaveBeenCalledTimes(1);
    expect(integrity(panel)).toMatch(/Checking the log/);

    await vi.waitFor(() => expect(integrity(panel)).toMatch(/all 8 events/));
    expect(verify).toHaveBeenCalledTimes(2);
  });
});

describe('fw-log-panel: loaded after the kiosk has rendered it', () => {
  it('waits for its writer instead of alerting that the log cannot be opened', async () => {
    // The kiosk renders <fw-log-panel .writer=…> before the panel's module loads; the element
    // upgrades later, and Lit hands the writer over only at its first update. A tag of its own
    // gives this test an element that upgrades in the same way.
    const { writer } = fakeLog();
    const open = vi.spyOn(writer, 'open');
    const early = document.createElement('fw-log-panel-late') as FwLogPanel;
    early.writer = writer;
    document.body.append(early);

    const alerts: string[] = [];
    customElements.define('fw-log-panel-late', class extends FwLogPanel {});
    const watch = new MutationObserver(() => {
      for (const alert of early.shadowRoot!.querySelectorAll('[role="alert"]'))
        alerts.push(alert.textContent!.trim());
    });
    watch.observe(early.shadowRoot!, { childList: true, subtree: true, characterData: true });

    await vi.waitFor(() => expect(integrity(early)).toMatch(/all 3 events/));
    watch.disconnect();
    expect(alerts).toEqual([]);
    expect(early.shadowRoot!.querySelector('[role="alert"]')).toBeNull();
    expect(open).toHaveBeenCalled();
  });
});
