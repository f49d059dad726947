import {
  CHINA_NFRA_2020,
  chinaBusinessCalendar,
  civilDateAt,
  regulatoryDeadline,
  type BusinessCalendar,
  type CaseKind,
  type CivilDate,
  type TRegulatoryRuleSet,
  workSchedule,
  type WorkSchedule,
} from '@loopdesk/core';
import type { Deps } from '../../platform/deps';
import type { OrgService } from '../org/org.service';

export interface RegulatoryDue {
  dueAt: Date;
  provisional: boolean;
}

/** Kinds the complaint rules apply to: complaints, and feedback not yet classified. */
const REGULATED_KINDS: readonly CaseKind[] = ['complaint', 'unknown'];

/**
 * The institution's clocks: its time zone, the business calendar and the regulatory rule set.
 * The calendar is seeded from the chinese-days package; admin import and editing of new years
 * come with the calendar administration (issue 4).
 */
export class ClocksService {
  private readonly calendar: BusinessCalendar = chinaBusinessCalendar();
  private readonly ruleSet: TRegulatoryRuleSet = CHINA_NFRA_2020;

  constructor(
    private readonly deps: Deps,
    private readonly org: OrgService,
  ) {}

  /** The civil date of an instant in the institution's time zone (case numbers use it). */
  async civilDate(institutionId: string, at: Date): Promise<CivilDate> {
    return civilDateAt(at.getTime(), await this.org.timeZone(institutionId));
  }

  /** The regulatory decision deadline for a case received at `receivedAt`, or null for kinds the rules do not cover. */
  async regulatoryDue(institutionId: string, kind: CaseKind, receivedAt: Date): Promise<RegulatoryDue | null> {
    if (!REGULATED_KINDS.includes(kind)) return null;
    const deadline = regulatoryDeadline({
      receivedAt: receivedAt.getTime(),
      ruleSet: this.ruleSet,
      calendar: this.calendar,
      zone: await this.org.timeZone(institutionId),
    });
    return deadline.state === 'running' ? { dueAt: new Date(deadline.dueAt), provisional: deadline.provisional } : null;
  }

  /**
   * The work schedule operational SLA clocks count business time in: the institution's
   * calendar and zone, the default office hours (per-unit hours come with calendar admin).
   */
  async slaSchedule(institutionId: string): Promise<WorkSchedule> {
    return workSchedule(this.calendar, undefined, await this.org.timeZone(institutionId));
  }
}
