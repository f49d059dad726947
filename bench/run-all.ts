// Runs every benchmark in turn; `--ci` runs them at a small size.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib';

const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
let failed = false;
for (const bench of ['startup.ts', 'http.ts', 'intake.ts', 'queries.ts', 'triage.ts', 'clocks.ts', 'due-work.ts']) {
  const r = spawnSync(tsx, [path.join(ROOT, 'bench', bench), ...process.argv.slice(2)], { stdio: 'inherit' });
  failed ||= r.status !== 0;
}
// The text models measured on the real public data in ../shared/data (issue 5): prints its
// figures, or `data not found` when the data is absent. `npm test` never reads that data.
const evaluation = spawnSync(process.execPath, [path.join(ROOT, 'apps/server/bin/loopdesk.mjs'), 'eval'], { stdio: 'inherit' });
failed ||= evaluation.status !== 0;
process.exit(failed ? 1 : 0);
