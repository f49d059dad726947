/**
 * Lets the event loop take in requests before long background work goes on. The embedded
 * database answers on the same thread and settles its promises as microtasks, so a loop of
 * awaited queries never reaches the poll phase: an incoming connection would wait for the whole
 * loop (a clock catch-up, the demo seeding). Awaiting this between units of work lets requests
 * that arrived meanwhile in, and their queries then queue ahead of the next unit's.
 */
export function yieldToRequests(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
