import path from 'node:path';
import { openDatabase, type Database } from '@loopdesk/db';
import type { Logger } from 'pino';
import { buildApp, type App } from './app';
import type { Config } from './config';
import { loadSecrets } from './platform/keys';
import { createLogger } from './platform/logger';
import type { SetupResult } from './features/setup/setup.service';

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in the data folder. */
export function openConfiguredDatabase(config: Config): Promise<Database> {
  return openDatabase(config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: path.join(config.dataDir, 'pglite') });
}

export interface Running {
  app: App;
  database: Database;
  url: string;
  setup: SetupResult | null;
  stop(): Promise<void>;
}

/** Migrates, seeds the demo institution on first start, and serves the API and console. */
export async function startServer(config: Config, log: Logger = createLogger(config)): Promise<Running> {
  const secrets = loadSecrets(config);
  for (const file of secrets.generated) {
    log.warn({ file }, 'generated a new key file: keep it (and a copy) apart from the database; losing it makes encrypted data and the audit chain unverifiable');
  }
  const database = await openConfiguredDatabase(config);
  await database.migrate();
  const app = await buildApp({ config, database, secrets, logger: log });
  const setup = config.LOOPDESK_SEED === 'demo' ? await app.services.setup.ensureDemoInstitution() : null;
  const address = await app.http.listen({ port: config.PORT, host: config.HOST });
  const url = address.replace('127.0.0.1', 'localhost');
  log.info({ url, engine: database.engine }, 'LoopDesk is ready');
  let stopping: Promise<void> | undefined;
  return {
    app,
    database,
    url,
    setup,
    stop: () =>
      (stopping ??= (async () => {
        await app.http.close();
        await database.close();
      })()),
  };
}
