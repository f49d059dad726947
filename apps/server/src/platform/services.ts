import { AccessService } from '../features/access/access.service';
import { AuditService } from '../features/audit/audit.service';
import { AuthService } from '../features/auth/auth.service';
import { CasesService } from '../features/cases/cases.service';
import { CaseCountsService } from '../features/cases/case-counts.service';
import { AssignmentService } from '../features/assignment/assignment.service';
import { TeamsService } from '../features/assignment/teams.service';
import { AttachmentsService } from '../features/attachments/attachments.service';
import { CalendarService } from '../features/calendar/calendar.service';
import { CategoriesService } from '../features/categories/categories.service';
import { ClocksService } from '../features/clocks/clocks.service';
import { ClockWorker } from '../features/clocks/clock-worker';
import { RuleSetsService } from '../features/clocks/rule-sets.service';
import { SlaService } from '../features/clocks/sla.service';
import { CustomersService } from '../features/customers/customers.service';
import { ImportsService } from '../features/imports/imports.service';
import { IntakeService } from '../features/intake/intake.service';
import { TemplatesService } from '../features/templates/templates.service';
import { TRIAGE_CASE_JOB, TriageService } from '../features/triage/triage.service';
import { SessionService } from '../features/auth/session.service';
import { OrgService } from '../features/org/org.service';
import { RegulatoryService } from '../features/regulatory/regulatory.service';
import { SetupService } from '../features/setup/setup.service';
import { UsersService } from '../features/users/users.service';
import { MajorRulesService } from '../features/panel/major-rules.service';
import { PanelService } from '../features/panel/panel.service';
import { SavedViewsService } from '../features/views/views.service';
import { NotificationsService } from '../features/notifications/notifications.service';
import { ReviewsService } from '../features/reviews/reviews.service';
import { ReviewWorker } from '../features/reviews/review-worker';
import type { Deps } from './deps';

/** How a set of services takes part in the job queue. */
export interface JobRole {
  /** Whether its services handle the jobs (false: a second set over the same queue only sends). */
  handlesJobs?: boolean;
  /** The priority of the triage jobs of the cases it registers: lower waits behind the others. */
  triagePriority?: number;
}

/**
 * Every service, wired once; dependencies run one way (audit ← access ← org/users ← auth). The
 * demo seeder wires a second set on a clock of its own (`handlesJobs: false`): the server's
 * services, on the real clock, handle the jobs it sends.
 */
export function createServices(deps: Deps, { handlesJobs = true, triagePriority = 0 }: JobRole = {}) {
  const audit = new AuditService(deps);
  const access = new AccessService(deps, audit);
  const sessions = new SessionService(deps, audit);
  const org = new OrgService(deps, access, audit);
  const users = new UsersService(deps, access, audit, sessions, org);
  access.registerObjectType('org_unit', (actor, id) => org.pathInScope(actor, id));
  const auth = new AuthService(deps, audit, sessions, users);
  const clocks = new ClocksService(deps, org);
  const sla = new SlaService(deps, audit, clocks);
  org.onInstitutionCreated((tx, institutionId) => sla.seedDefaults(tx, institutionId));
  const categories = new CategoriesService(deps, audit);
  org.onInstitutionCreated((tx, institutionId) => categories.seedDefaults(tx, institutionId));
  const customers = new CustomersService(deps, access, audit, org);
  // The one writer of the outbox: every notice is queued through it, in its cause's transaction.
  const notifications = new NotificationsService(deps);
  const cases = new CasesService(deps, access, audit, org, users, customers, clocks, categories, sla, notifications);
  const regulatory = new RegulatoryService(deps, audit, cases, clocks, users, customers, notifications);
  cases.useRegulatoryInputs((tx, row) => regulatory.inputsOf(tx, row));
  const attachments = new AttachmentsService(deps, cases, audit);
  access.registerObjectType('case', (actor, id) => cases.pathInScope(actor, id));
  const calendar = new CalendarService(deps, audit, org, clocks, cases);
  const ruleSets = new RuleSetsService(audit, clocks, cases);
  const intake = new IntakeService(deps, audit, org, cases);
  const templates = new TemplatesService(deps, audit, cases, clocks, categories);
  const triage = new TriageService(deps, cases, categories, access, audit);
  org.onInstitutionCreated((tx, institutionId) => triage.seedRules(tx, institutionId));
  const clockWorker = new ClockWorker(deps, audit, org, users, cases, sla, notifications);
  const reviews = new ReviewsService(deps, access, audit, org, cases, clocks, sla);
  cases.onReviewRequested(reviews.hook());
  calendar.onRecompute((tx, ctx, change) => reviews.recomputeOnCalendar(tx, ctx, change));
  ruleSets.onRecompute((tx, ctx, change) => reviews.recomputeOnRuleSet(tx, ctx, change));
  const reviewWorker = new ReviewWorker(deps, audit, org, users, cases, reviews, sla, notifications);
  const jobs = deps.jobs;
  if (jobs && handlesJobs) {
    jobs.define(triage.job());
    jobs.define(triage.retrainJob());
    jobs.define(clockWorker.job());
    jobs.define(reviewWorker.job());
    jobs.define(notifications.job());
  }
  if (jobs) {
    cases.onRegistered((tx, rows) => jobs.sendManyWithin(tx, TRIAGE_CASE_JOB, rows.map((row) => ({ caseId: row.id })), triagePriority));
  }
  org.onInstitutionCreated((tx, institutionId) => templates.seedDefaults(tx, institutionId));
  const imports = new ImportsService(deps, audit, org, cases);
  const setup = new SetupService(deps, audit, org, users);
  const teams = new TeamsService(deps, access, audit, org, users);
  const assignment = new AssignmentService(deps, access, audit, users, cases, teams, org, categories);
  cases.onAccepted((tx, ctx, row) => assignment.onAccepted(tx, ctx, row));
  const majorRules = new MajorRulesService(deps, audit, users, cases, assignment);
  const panel = new PanelService(deps, access, audit, users, cases, majorRules);
  // After the assignment rules: a case is marked major once placed, and again looked at on each change.
  cases.onAccepted((tx, ctx, row) => majorRules.evaluate(tx, ctx, row, 'accepted'));
  cases.onChanged((tx, ctx, row) => majorRules.evaluate(tx, ctx, row, 'changed'));
  cases.addFacts((row) => panel.facts(row));
  const savedViews = new SavedViewsService(deps, audit, org);
  const caseCounts = new CaseCountsService(cases);
  return { audit, access, sessions, org, users, auth, setup, clocks, calendar, ruleSets, sla, clockWorker, notifications, reviews, reviewWorker, categories, customers, cases, caseCounts, regulatory, attachments, intake, templates, triage, imports, teams, assignment, majorRules, panel, savedViews };
}

export type Services = ReturnType<typeof createServices>;
