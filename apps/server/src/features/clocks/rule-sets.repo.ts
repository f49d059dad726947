import { eq } from 'drizzle-orm';
import { institutions, type Db } from '@loopdesk/db';

export const ruleSetsRepo = {
  /** The institution's zone and rule set, its row locked until the transaction ends (rule-set and calendar changes run one after the other). */
  lock(db: Db, institutionId: string) {
    return db
      .select({ timeZone: institutions.timeZone, ruleSetId: institutions.ruleSetId })
      .from(institutions)
      .where(eq(institutions.id, institutionId))
      .for('update')
      .then((r) => r[0]);
  },

  set(db: Db, institutionId: string, ruleSetId: string) {
    return db.update(institutions).set({ ruleSetId }).where(eq(institutions.id, institutionId));
  },
};
