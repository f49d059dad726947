import { expect } from 'vitest';
import type { Client } from '../../../test/harness';

/** Waits until the triage job has written to the case, and returns the case as it is then. */
export async function triaged(client: Client, caseId: string) {
  const done = (d: { events?: { type: string }[] }) => d.events?.some((e) => e.type === 'triaged') ?? false;
  let detail = (await client.get(`/api/cases/${caseId}`)).body;
  for (let i = 0; i < 100 && !done(detail); i++) {
    await new Promise((r) => setTimeout(r, 100));
    detail = (await client.get(`/api/cases/${caseId}`)).body;
  }
  expect(done(detail)).toBe(true);
  // The row and the timeline are read one after the other: read again once the event is there.
  return (await client.get(`/api/cases/${caseId}`)).body;
}
