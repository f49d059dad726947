import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestActivity } from './request-activity';

describe('RequestActivity: background work gives way to requests', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settledAfter = async (promise: Promise<void>, activity: () => void = () => undefined) => {
    let done = false;
    void promise.then(() => (done = true));
    const start = Date.now();
    activity();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    while (!done) await vi.advanceTimersByTimeAsync(1);
    return Date.now() - start;
  };

  it('lets a job start once requests have paused for the quiet time', async () => {
    const a = new RequestActivity(() => Date.now());
    expect(await settledAfter(a.quiet(50, 500))).toBe(50); // it has just started: that counts as a request
    await vi.advanceTimersByTimeAsync(100);
    expect(await settledAfter(a.quiet(50, 500))).toBe(0);
  });

  it('waits while a request is in flight and for the quiet time after it', async () => {
    const a = new RequestActivity(() => Date.now());
    await vi.advanceTimersByTimeAsync(100);
    a.begin();
    const waited = settledAfter(a.quiet(50, 500), () => setTimeout(() => a.end(), 120));
    expect(await waited).toBeGreaterThanOrEqual(170);
    expect(await waited).toBeLessThan(200);
  });

  it('never waits longer than the bound under steady traffic', async () => {
    const a = new RequestActivity(() => Date.now());
    a.begin();
    expect(await settledAfter(a.quiet(50, 500))).toBe(500);
  });

  it('counts a request whose connection closed as ended', async () => {
    const a = new RequestActivity(() => Date.now());
    a.begin();
    a.end();
    a.end(); // a second close of the same reply does not make the count negative
    a.begin();
    a.end();
    await vi.advanceTimersByTimeAsync(60);
    expect(await settledAfter(a.quiet(50, 500))).toBe(0);
  });
});
