import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepSubscribed } from '../client';

type Sink = { next: (value: { data?: unknown }) => void; error: (error: unknown) => void; complete: () => void };

/** A graphql-ws client stand-in that records subscriptions and lets the test end them. */
function fakeWs() {
  const sinks: Sink[] = [];
  const unsubscribed: number[] = [];
  return {
    sinks,
    unsubscribed,
    subscribe: (_payload: unknown, sink: Sink) => {
      const index = sinks.push(sink) - 1;
      return () => unsubscribed.push(index);
    },
  };
}

describe('keepSubscribed', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands events on and starts again, reporting the gap, when the server ends the subscription', () => {
    const ws = fakeWs();
    const data = vi.fn();
    const gap = vi.fn();
    keepSubscribed(ws as never, { query: 'subscription { x }' }, { data, gap }, () => 1000);
    ws.sinks[0].next({ data: { x: 1 } });
    ws.sinks[0].next({});
    expect(data).toHaveBeenCalledTimes(1);

    ws.sinks[0].complete();
    ws.sinks[0].error(new Error('after complete'));
    vi.advanceTimersByTime(999);
    expect(ws.sinks).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(ws.sinks).toHaveLength(2);
    expect(gap).toHaveBeenCalledTimes(1);

    ws.sinks[1].error(new Error('subgraph restarting'));
    vi.advanceTimersByTime(1000);
    expect(ws.sinks).toHaveLength(3);
    ws.sinks[2].next({ data: { x: 2 } });
    expect(data).toHaveBeenLastCalledWith({ x: 2 });
    expect(gap).toHaveBeenCalledTimes(2);
  });

  it('waits longer after each failure in a row, up to a ceiling', () => {
    const ws = fakeWs();
    const delays: number[] = [];
    keepSubscribed(ws as never, { query: 's' }, { data: () => {}, gap: () => {} }, (failures) => {
      delays.push(failures);
      return 10;
    });
    for (let i = 0; i < 3; i += 1) {
      ws.sinks[i].error(new Error('down'));
      vi.advanceTimersByTime(10);
    }
    expect(delays).toEqual([0, 1, 2]);
  });

  it('stops for good when stopped, even with a restart pending', () => {
    const ws = fakeWs();
    const stop = keepSubscribed(ws as never, { query: 's' }, { data: () => {}, gap: () => {} }, () => 1000);
    ws.sinks[0].complete();
    stop();
    vi.advanceTimersByTime(5000);
    expect(ws.sinks).toHaveLength(1);
    expect(ws.unsubscribed).toEqual([0]);
  });
});
