// Deadline maths on one core (issue 4). Target: ≥ 1,000,000 deadline computations per second.
// Prints figures; asserts nothing.
import {
  addBusinessTime,
  chinaBusinessCalendar,
  CHINA_NFRA_2020,
  regulatoryDeadline,
  slaState,
  UK_FCA_DISP,
  workSchedule,
  type RegulatoryDeadline,
  type SlaEvent,
} from '../packages/core/src/clocks';
import { CI_SIZE, machine } from './lib';

const calls = CI_SIZE ? 200_000 : 5_000_000;
const china = chinaBusinessCalendar();
const beijing = workSchedule(china);

// Receipts spread over 2025–2026 at random seconds (a fixed seed, so runs compare).
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
const from = Date.parse('2025-01-01T00:00:00Z');
const receipts = Float64Array.from({ length: 65_536 }, () => from + Math.floor(random() * 700 * 86_400) * 1000);
const mask = receipts.length - 1;

let sink = 0;
const dueAtOf = (deadline: RegulatoryDeadline) => (deadline.state === 'running' ? deadline.dueAt : 0);

function perSecond(run: (receivedAt: number) => number, n: number): number {
  for (let i = 0; i < Math.min(n, 50_000); i++) sink += run(receipts[i & mask]!); // warm-up: JIT and zone caches
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink += run(receipts[i & mask]!);
  return n / ((performance.now() - t0) / 1000);
}

const rows: [string, number][] = [
  [
    'China 15 calendar days, rest-day shift',
    perSecond((receivedAt) => dueAtOf(regulatoryDeadline({ receivedAt, ruleSet: CHINA_NFRA_2020, calendar: china, zone: 'Asia/Shanghai' })), calls),
  ],
  [
    'China 30 days + an appraisal exclusion',
    perSecond(
      (receivedAt) =>
        dueAtOf(
          regulatoryDeadline({
            receivedAt,
            ruleSet: CHINA_NFRA_2020,
            extensionsGranted: 1,
            exclusions: [{ kind: 'outside_appraisal', start: receivedAt + 3 * 86_400_000, end: receivedAt + 7 * 86_400_000, noticeSentAt: receivedAt }],
            calendar: china,
            zone: 'Asia/Shanghai',
          }),
        ),
      calls,
    ),
  ],
  [
    'FCA 15 business days, Europe/London',
    perSecond(
      (receivedAt) => dueAtOf(regulatoryDeadline({ receivedAt, ruleSet: UK_FCA_DISP, step: 'payment_services_final_response', calendar: china, zone: 'Europe/London' })),
      calls,
    ),
  ],
  ['SLA due: 8 business hours, lunch break', perSecond((start) => addBusinessTime(start, 480, beijing), calls / 5)],
  [
    'SLA state: 48 h business, one pause',
    perSecond((start) => {
      const events: SlaEvent[] = [
        { type: 'start', at: start },
        { type: 'pause', at: start + 3_600_000 },
        { type: 'resume', at: start + 30 * 3_600_000 },
      ];
      return slaState({ target: { unit: 'business_minutes', amount: 48 * 60 }, schedule: beijing }, events, start + 40 * 3_600_000).fractionUsed;
    }, calls / 20),
  ],
];

console.log(`deadline computations on one core (${machine()}), ${calls.toLocaleString('en')} calls`);
for (const [label, rate] of rows) console.log(`  ${label.padEnd(42)} ${Math.round(rate).toLocaleString('en').padStart(11)} /s`);
console.log('  target: ≥ 1,000,000 regulatory deadlines per second (the first row)');
if (sink === 42) console.log(''); // keeps the results alive so the JIT cannot drop the work
