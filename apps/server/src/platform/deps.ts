import type { Db } from '@loopdesk/db';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { FieldCipher } from './field-cipher';

/** What every service is built from. `now` is injectable so that tests control time. */
export interface Deps {
  db: Db;
  config: Config;
  cipher: FieldCipher;
  auditKey: Buffer;
  now: () => Date;
  log: Logger;
}
