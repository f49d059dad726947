import { and, asc, count, eq, inArray, like, notInArray } from 'drizzle-orm';
import { assignmentRules, cases, categories, escapeLike, orgUnits, teamMembers, teams, users, type Db } from '@loopdesk/db';
import { orderedRulesRepo } from '../../platform/ordered-rules';

export type TeamRow = typeof teams.$inferSelect;
export type RuleRow = typeof assignmentRules.$inferSelect;

/** The assignment rules, in the order they are tried, and their version-checked writes. */
export const assignmentRulesRepo = orderedRulesRepo(assignmentRules);

export const assignmentRepo = {
  /** Teams whose unit lies under a path, with the unit's path. */
  teamsUnder(db: Db, institutionId: string, underPath: string) {
    return db
      .select({ team: teams, path: orgUnits.path })
      .from(teams)
      .innerJoin(orgUnits, eq(orgUnits.id, teams.orgUnitId))
      .where(and(eq(teams.institutionId, institutionId), like(orgUnits.path, `${escapeLike(underPath)}%`)))
      .orderBy(asc(orgUnits.path), asc(teams.name));
  },

  /** The active teams a person is a member of, by name. */
  teamsOf(db: Db, institutionId: string, userId: string) {
    return db
      .select({ id: teams.id, name: teams.name })
      .from(teamMembers)
      .innerJoin(teams, eq(teams.id, teamMembers.teamId))
      .where(and(eq(teamMembers.institutionId, institutionId), eq(teamMembers.userId, userId), eq(teams.active, true)))
      .orderBy(asc(teams.name));
  },

  teamById(db: Db, institutionId: string, id: string) {
    return db
      .select({ team: teams, path: orgUnits.path })
      .from(teams)
      .innerJoin(orgUnits, eq(orgUnits.id, teams.orgUnitId))
      .where(and(eq(teams.institutionId, institutionId), eq(teams.id, id)))
      .then((r) => r[0]);
  },

  /** Locks a team's row: the rotation is read and moved by one transaction at a time, across processes. */
  lockTeam(db: Db, id: string) {
    return db.select().from(teams).where(eq(teams.id, id)).for('update').then((r) => r[0]);
  },

  insertTeam(db: Db, row: typeof teams.$inferInsert) {
    return db.insert(teams).values(row).returning().then((r) => r[0]!);
  },

  updateTeam(db: Db, id: string, version: number, set: Partial<typeof teams.$inferInsert>, now: Date) {
    return db
      .update(teams)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(teams.id, id), eq(teams.version, version)))
      .returning()
      .then((r) => r[0]);
  },

  setLastAssigned(db: Db, id: string, userId: string) {
    return db.update(teams).set({ lastAssignedId: userId }).where(eq(teams.id, id));
  },

  /** Members of teams in rotation order, with their names, status, roles and unit paths. */
  members(db: Db, teamIds: string[]) {
    if (teamIds.length === 0) return Promise.resolve([]);
    return db
      .select({
        teamId: teamMembers.teamId,
        userId: teamMembers.userId,
        skills: teamMembers.skills,
        displayName: users.displayName,
        status: users.status,
        roles: users.roles,
        orgUnitId: users.orgUnitId,
        path: orgUnits.path,
      })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(inArray(teamMembers.teamId, teamIds))
      .orderBy(asc(teamMembers.teamId), asc(teamMembers.position));
  },

  async replaceMembers(db: Db, institutionId: string, teamId: string, members: readonly { userId: string; skills: readonly string[] }[]) {
    await db.delete(teamMembers).where(eq(teamMembers.teamId, teamId));
    if (members.length === 0) return;
    await db.insert(teamMembers).values(members.map((m, position) => ({ teamId, userId: m.userId, institutionId, position, skills: [...m.skills] })));
  },

  /** Teams a person belongs to (the "my team" queue). */
  teamIdsOf(db: Db, institutionId: string, userId: string) {
    return db
      .select({ id: teamMembers.teamId })
      .from(teamMembers)
      .where(and(eq(teamMembers.institutionId, institutionId), eq(teamMembers.userId, userId)))
      .then((r) => r.map((x) => x.id));
  },

  /** Open cases assigned to each of these people. */
  openCaseCounts(db: Db, institutionId: string, userIds: string[], closedStatuses: readonly string[]) {
    if (userIds.length === 0) return Promise.resolve(new Map<string, number>());
    return db
      .select({ userId: cases.assigneeId, n: count() })
      .from(cases)
      .where(and(eq(cases.institutionId, institutionId), inArray(cases.assigneeId, userIds), notInArray(cases.status, [...closedStatuses])))
      .groupBy(cases.assigneeId)
      .then((rows) => new Map(rows.map((r) => [r.userId!, Number(r.n)])));
  },

  /** The category tree as child → parent, for a case's category lineage. */
  categoryParents(db: Db, institutionId: string) {
    return db
      .select({ id: categories.id, parentId: categories.parentId })
      .from(categories)
      .where(eq(categories.institutionId, institutionId))
      .then((rows) => new Map(rows.map((r) => [r.id, r.parentId])));
  },

  /** Places an accepted case: its team, and its assignee when one was found (version-checked). */
  placeCase(db: Db, id: string, version: number, set: Pick<Partial<typeof cases.$inferInsert>, 'teamId' | 'assigneeId' | 'status' | 'orgUnitId' | 'orgPath'>, now: Date) {
    return db
      .update(cases)
      .set({ ...set, version: version + 1, updatedAt: now })
      .where(and(eq(cases.id, id), eq(cases.version, version)))
      .returning()
      .then((r) => r[0]);
  },
};
