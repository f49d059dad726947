import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPglite, openDatabase } from '@loopdesk/db';
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startCluster, type Cluster } from './postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
  }
}

let cluster: Cluster | undefined;

/**
 * Once per run: a migrated PGlite data folder that each test file loads a copy of (migrating
 * afresh costs seconds), and a PostgreSQL server — DATABASE_URL, or a throwaway cluster.
 */
export async function setup(project: TestProject): Promise<void> {
  const pg = await createPglite();
  const database = await openDatabase({ pglite: pg });
  await database.migrate();
  const dump = await pg.dumpDataDir('gzip');
  const file = path.join(tmpdir(), `loopdesk-template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pg.close();
  project.provide('pgliteTemplate', file);

  let url = process.env.DATABASE_URL ?? null;
  if (!url) {
    const bin = findPostgresBin();
    if (bin) {
      cluster = await startCluster(bin);
      url = cluster.url;
    } else if (process.env.CI === 'true') {
      throw new Error('CI=true but no PostgreSQL server: set DATABASE_URL or install the postgresql package');
    } else {
      console.warn('PostgreSQL suites skipped: no DATABASE_URL and no PostgreSQL binaries under /usr/lib/postgresql');
    }
  }
  project.provide('postgresUrl', url);
}

export function teardown(): void {
  cluster?.stop();
}
