import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import type { Checkpoint } from './features/audit/audit.chain';
import type { AuditService } from './features/audit/audit.service';
import { FieldCipher } from './platform/field-cipher';
import { loadSecrets } from './platform/keys';
import { createLogger } from './platform/logger';
import { openConfiguredDatabase, startServer } from './server';
import { runEval } from './features/triage/triage.eval';
import { createServices } from './platform/services';
import { systemContext } from './platform/context';
import { DEMO_CASE_COUNT, DemoDataService } from './features/setup/demo-data.service';
import type { Deps } from './platform/deps';
import { giveWayTo } from './platform/request-activity';

const HELP = `loopdesk — customer feedback closed-loop platform

Usage: loopdesk <command> [options]

Commands:
  serve                      run the API and the web console (migrates and seeds first)
  migrate                    apply the database migrations and exit
  audit verify               check every institution's audit hash chain; exit 1 if broken
      --institution CODE     only this institution
      --checkpoint FILE      also check against a checkpoint exported earlier
  audit checkpoint           export a signed chain head to keep apart from the database
      --institution CODE     the institution (default: the only one)
      --out FILE             where to write it (default: standard output)
  seed-demo                  add generated demo cases (Chinese feedback, all channels) to the demo institution
      --cases N              how many (required)
      --seed S               the generator's seed (default: random, printed so the run can be repeated)
  clocks backfill            give SLA and regulatory clocks to cases registered before they existed
                             (idempotent; the server also runs it at start-up)
  eval                       measure the text models on ../shared/data (held-out part)
      --task sentiment|pairs|classify --train FILE --test FILE [--label COL] [--text COL]
                             measure them on your own labelled CSV files instead
  help                       this text

Configuration comes from environment variables; see README.md.
With the embedded database, stop the server before running other commands on the same data folder.
`;

/** Runs one CLI command; returns the process exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  // The evaluation harness reads files only and takes options of its own.
  if (argv[0] === 'eval') return runEval(argv.slice(1), (line) => process.stdout.write(`${line}\n`));
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      institution: { type: 'string' },
      checkpoint: { type: 'string' },
      out: { type: 'string' },
      cases: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') {
    process.stdout.write(HELP);
    return values.help || command === 'help' ? 0 : 2;
  }
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      return 78; // EX_CONFIG
    }
    throw e;
  }
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const database = await openConfiguredDatabase(config);
      await database.migrate();
      await database.close();
      process.stdout.write(`migrations applied (${database.engine})\n`);
      return 0;
    }
    case 'audit verify':
      return withAudit(config, async (audit, institutions) => {
        const checkpoint = values.checkpoint ? (JSON.parse(readFileSync(values.checkpoint, 'utf8')) as Checkpoint) : undefined;
        let failed = false;
        for (const inst of pick(institutions, values.institution ?? (checkpoint ? institutions.find((i) => i.id === checkpoint.institutionId)?.code : undefined))) {
          const result = await audit.verify(inst.id, checkpoint?.institutionId === inst.id ? checkpoint : undefined);
          failed ||= !result.ok;
          process.stdout.write(
            result.ok
              ? `${inst.code}: ok — ${result.entriesChecked} entries, head ${result.headSeq}${checkpoint ? `, matches the checkpoint at ${checkpoint.seq}` : ''}\n`
              : `${inst.code}: BROKEN at entry ${result.firstBrokenSeq} — ${result.problem}\n`,
          );
        }
        return failed ? 1 : 0;
      });
    case 'audit checkpoint':
      return withAudit(config, async (audit, institutions) => {
        const chosen = pick(institutions, values.institution);
        if (chosen.length !== 1) throw new UsageError('name the institution with --institution CODE');
        const checkpoint = await audit.checkpoint(chosen[0]!.id);
        const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
        if (values.out) {
          writeFileSync(values.out, text, { mode: 0o600 });
          process.stderr.write(`checkpoint of ${chosen[0]!.code} at entry ${checkpoint.seq} written to ${values.out}\n`);
        } else process.stdout.write(text);
        return 0;
      });
    case 'seed-demo':
      return seedDemo(config, values.cases, values.seed);
    case 'clocks backfill': {
      const database = await openConfiguredDatabase(config);
      try {
        await database.migrate();
        const services = createServices(cliDeps(config, database.db));
        const filled = await services.sla.backfillMissing({ ...systemContext('cli'), via: 'system:cli' }, 'all');
        process.stdout.write(`clocks given to ${filled} case(s) that had none\n`);
        return 0;
      } finally {
        await database.close();
      }
    }
    default:
      process.stderr.write(`unknown command: ${command}\n\n${HELP}`);
      return 2;
  }
}

class UsageError extends Error {}

function pick<T extends { code: string }>(institutions: T[], code: string | undefined): T[] {
  if (!code) return institutions;
  const found = institutions.filter((i) => i.code === code);
  if (found.length === 0) throw new UsageError(`no institution with code ${code}`);
  return found;
}

async function seedDemo(config: Config, casesOption: string | undefined, seedOption: string | undefined): Promise<number> {
  const count = Number(casesOption);
  const seed = seedOption === undefined ? randomInt(1, 2 ** 31) : Number(seedOption);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000 || !Number.isInteger(seed)) {
    process.stderr.write('give --cases N (1 to 10,000,000) and, if you like, --seed S (an integer)\n');
    return 2;
  }
  const database = await openConfiguredDatabase(config);
  try {
    await database.migrate();
    const demo = new DemoDataService(cliDeps(config, database.db));
    process.stdout.write(`adding ${count} demo cases (seed ${seed}) on ${database.engine}\n`);
    const added = await demo.addCases({
      count,
      seed,
      onProgress: ({ done, total, ms }) => process.stdout.write(`  ${done}/${total} cases, ${Math.round(done / (ms / 1000))} cases/s\n`),
    });
    process.stdout.write(`added ${added} cases\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** Services' dependencies for a command run outside the server. */
function cliDeps(config: Config, db: Deps['db']): Deps {
  const secrets = loadSecrets(config);
  return { db, config, cipher: new FieldCipher(secrets.dataKeys), auditKey: secrets.auditKey, giveWay: giveWayTo(), now: () => new Date(), log: createLogger({ LOG_LEVEL: 'silent' }) };
}

async function withAudit(
  config: Config,
  run: (audit: AuditService, institutions: { id: string; code: string }[]) => Promise<number>,
): Promise<number> {
  const database = await openConfiguredDatabase(config);
  try {
    const services = createServices(cliDeps(config, database.db));
    return await run(services.audit, await services.org.institutions());
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  } finally {
    await database.close();
  }
}

async function serve(config: Config): Promise<number> {
  const running = await startServer(config);
  const banner = [`\n  LoopDesk is running at ${running.url}`, `  API reference: ${running.url}/api/docs`];
  if (running.setup?.created) {
    banner.push(`  Created the demo institution 示范银行 and the administrator "${running.setup.adminUsername}".`);
    if (running.setup.oneTimePassword) {
      banner.push(`  One-time password (shown once, must be changed at first sign-in): ${running.setup.oneTimePassword}`);
    } else banner.push('  Its password is the one given in LOOPDESK_ADMIN_PASSWORD.');
    if (running.setup.demoStaff.length > 0) {
      banner.push('  Demo staff, to work cases (the administrator works none):');
      for (const s of running.setup.demoStaff) banner.push(`    ${s.username.padEnd(11)} ${s.roles.join(', ').padEnd(20)} ${s.unitName}`);
      banner.push(
        running.setup.demoStaffPassword
          ? `  Their one password (shown once, each changes it at first sign-in): ${running.setup.demoStaffPassword}`
          : '  Their password is LOOPDESK_ADMIN_PASSWORD too.',
      );
      banner.push(`  ${DEMO_CASE_COUNT} demo cases are being written in the background; they appear within a minute.`);
    }
  }
  // Printed for the person starting the server, outside the JSON log: logs never hold secrets.
  process.stdout.write(`${banner.join('\n')}\n\n`);
  await new Promise<void>((resolve) => {
    const shutdown = () => void running.stop().then(resolve);
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  return 0;
}
