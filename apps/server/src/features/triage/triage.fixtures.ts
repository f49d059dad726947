import { expect } from 'vitest';
import type { Client } from '../../../test/harness';

/** Waits (up to 30 s, for a busy machine) until the triage job has written to the case, and returns the case as it is then. */
export async function triaged(client: Client, caseId: string) {
  const done = (d: { events?: { type: string }[] }) => d.events?.some((e) => e.type === 'triaged') ?? false;
  const until = Date.now() + 30_000;
  let detail = (await client.get(`/api/cases/${caseId}`)).body;
  while (Date.now() < until && !done(detail)) {
    await new Promise((r) => setTimeout(r, 100));
    detail = (await client.get(`/api/cases/${caseId}`)).body;
  }
  expect(done(detail)).toBe(true);
  // The row and the timeline are read one after the other: read again once the event is there.
  return (await client.get(`/api/cases/${caseId}`)).body;
}
