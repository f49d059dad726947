// `npm start` to ready on PGlite: with a new data folder and with an existing one.
// Target (issue 2): < 8 s new, < 3 s existing. Prints figures; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CI_SIZE, machine, startLoopDesk } from './lib';

const runs = CI_SIZE ? 1 : 3;
const env = { LOOPDESK_ADMIN_PASSWORD: 'Bench-Admin-2026!' };
const fresh: number[] = [];
const reuse: number[] = [];
for (let i = 0; i < runs; i++) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopdesk-bench-'));
  try {
    const first = await startLoopDesk({ ...env, LOOPDESK_DATA_DIR: dataDir });
    fresh.push(first.readyMs);
    await first.stop();
    const second = await startLoopDesk({ ...env, LOOPDESK_DATA_DIR: dataDir });
    reuse.push(second.readyMs);
    await second.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
const fmt = (xs: number[]) => `median ${(xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]! / 1000).toFixed(2)} s over ${xs.length} run(s)`;
console.log(`startup on PGlite (${machine()})`);
console.log(`  new data folder:      ${fmt(fresh)}   (target < 8 s)`);
console.log(`  existing data folder: ${fmt(reuse)}   (target < 3 s)`);
