import { systemContext } from './platform/context';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { openDatabase, type Database } from '@loopdesk/db';
import type { Logger } from 'pino';
import { buildApp, type App } from './app';
import type { Config } from './config';
import { loadSecrets } from './platform/keys';
import { createLogger } from './platform/logger';
import { DemoDataService, type DemoSeedReport } from './features/setup/demo-data.service';
import type { SetupResult } from './features/setup/setup.service';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: path.join(config.dataDir, 'pglite') });
}

/** On the embedded engine, the longest the job worker waits for the first request before it joins. */
const WORKER_JOINS_AFTER_MS = 2000;

export interface StartOptions {
  /** The demo a first start seeds: tests take fewer cases than the default 300. */
  demo?: { count?: number; seed?: number };
}

export interface Running {
  app: App;
  database: Database;
  url: string;
  setup: SetupResult | null;
  /** The demo cases a first start seeds after it is listening; null when there are none to seed. */
  demoCases: Promise<DemoSeedReport | null>;
  stop(): Promise<void>;
}

/**
 * Migrates, seeds the demo institution on first start, and serves the API and console. The
 * demo cases are written after `listen`, in the background: the console is usable at once and
 * fills within seconds, and a start is never slower for them.
 */
export async function startServer(config: Config, log: Logger = createLogger(config), options: StartOptions = {}): Promise<Running> {
  const secrets = loadSecrets(config);
  for (const file of secrets.generated) {
    log.warn({ file }, 'generated a new key file: keep it (and a copy) apart from the database; losing it makes encrypted data and the audit chain unverifiable');
  }
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  const app = await buildApp({ config, database, secrets, logger: log });
  let setup = config.LOOPDESK_SEED === 'demo' ? await app.services.setup.ensureDemoInstitution() : null;
  if (setup?.created) setup = { ...setup, ...(await app.services.setup.createDemoStaff(setup.institutionId)) };
  // Cases from before SLA clocks existed get theirs (once per institution: a no-op once checked).
  await app.services.sla.backfillMissing({ ...systemContext('start-up'), via: 'system:clocks' }, 'unchecked');
  // Decision letters and panel drafts written before they were sealed are sealed (a no-op once done).
  await app.services.cases.sealLegacyLetters();
  await app.services.panel.sealLegacyDrafts();
  // Templates a newer LoopDesk ships reach institutions created before it.
  await app.services.templates.addMissingDefaults({ ...systemContext('start-up'), via: 'system:templates' });
  const address = await app.http.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('127.0.0.1', 'localhost');
  let stopping: Promise<void> | undefined;
  // Background work starts once requests are served: the demo cases of a new folder, and jobs
  // waiting from before the start (a triage backlog, overdue clock work), are written without
  // holding the console back. On the embedded engine a transaction holds every request's
  // queries, and work that runs has the thread until it ends, so it starts once the server has
  // answered its first request (a browser, a health probe) or after WORKER_JOINS_AFTER_MS,
  // whichever is first; else a first request could wait behind the first batch of demo cases.
  const served = database.engine === 'pglite' ? Promise.race([app.activity.firstAnswered, delay(WORKER_JOINS_AFTER_MS, undefined, { ref: false })]) : Promise.resolve();
  const demoCases = setup?.created ? served.then(() => seedDemoCases(app, log, options.demo ?? {}, () => stopping !== undefined)) : Promise.resolve(null);
  if (setup?.created) app.deps.jobs!.holdPeriodicUntil(demoCases);
  if (database.engine === 'pglite') {
    const joined = served.then(() => app.deps.jobs!.work());
    joined.catch((err: unknown) => log.error({ err }, 'the job worker could not start'));
  } else {
    await app.deps.jobs!.work();
  }
  log.info({ url, engine: database.engine }, 'LoopDesk is ready');
  return {
    app,
    database,
    url,
    setup,
    demoCases,
    stop: () =>
      (stopping ??= (async () => {
        await demoCases;
        await app.http.close();
        await database.close();
      })()),
  };
}

/** Seeds the demo cases; a failure is logged, never fatal (the demo is a convenience). */
async function seedDemoCases(app: App, log: Logger, demo: NonNullable<StartOptions['demo']>, stopping: () => boolean): Promise<DemoSeedReport | null> {
  try {
    const report = await new DemoDataService(app.deps).seedLifecycle({ ...demo, shouldStop: stopping });
    log.info({ ...report, ms: Math.round(report.ms) }, stopping() ? 'demo cases: stopped early by shutdown' : 'demo cases ready');
    return report;
  } catch (err) {
    log.error({ err }, 'demo cases could not be seeded');
    return null;
  }
}
