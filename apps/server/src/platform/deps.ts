import type { Db } from '@loopdesk/db';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { FieldCipher } from './field-cipher';
import type { JobQueue } from './jobs';

/** What every service is built from. `now` is injectable so that tests control time. */
export interface Deps {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  auditKey: Buffer;
  now: () => Date;
  log: Logger;
  /**
   * True on the embedded engine (PGlite): one connection for everything, so a long transaction
   * holds every request; background work keeps its transactions small there.
   */
  embedded?: boolean;
  /**
   * Background work (jobs, the clock catch-up, demo seeding) awaits this between two units of
   * work: a turn of the event loop, and on the embedded engine a pause in requests too.
   */
  giveWay: () => Promise<void>;
  /** The job queue; absent in one-off command-line work that starts no jobs. */
  jobs?: JobQueue;
}
