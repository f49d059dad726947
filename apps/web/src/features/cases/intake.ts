import type { Dayjs } from 'dayjs';
import type {
  BusinessLine,
  CaseKind,
  Channel,
  JrBusinessCategory,
  JrCause,
  Priority,
  RiskFlag,
  Timing,
} from '@loopdesk/core';
import type { IntakeBody } from './api';

/** What the 登记工单 form holds. */
export interface IntakeValues {
  channel: Channel;
  kind: CaseKind;
  text: string;
  title?: string;
  priority: Priority;
  timing?: Timing;
  businessLine?: BusinessLine;
  jrBusinessCategory?: JrBusinessCategory;
  jrCause?: JrCause;
  customerRequest?: string;
  amountInvolved?: number | null;
  riskFlags?: RiskFlag[];
  receivedAt?: Dayjs | null;
  backDateReason?: string;
  regulatorRef?: string;
  regulatorDeadline?: Dayjs | null;
  customerId?: string;
  staffComplainedAbout?: string[];
}

/** The server asks for a reason when the receipt time is more than an hour before now. */
export const BACK_DATING_MS = 60 * 60_000;

export function isBackDated(receivedAt: Dayjs | null | undefined, now: Date): boolean {
  return Boolean(receivedAt) && now.getTime() - (receivedAt?.valueOf() ?? 0) > BACK_DATING_MS;
}

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

/**
 * The request for POST /api/cases. An empty receipt time is left out, so the server's clock
 * says when the case arrived; the reason and the regulator's fields go only where they apply.
 */
export function toIntakeBody(v: IntakeValues, now: Date): IntakeBody {
  const regulator = v.channel === 'regulator_referral';
  return {
    channel: v.channel,
    kind: v.kind,
    text: v.text.trim(),
    title: text(v.title),
    priority: v.priority,
    timing: v.timing ?? null,
    businessLine: v.businessLine ?? null,
    jrBusinessCategory: v.jrBusinessCategory ?? null,
    jrCause: v.jrCause ?? null,
    customerRequest: text(v.customerRequest),
    amountInvolved: v.amountInvolved ?? null,
    riskFlags: v.riskFlags ?? [],
    ...(v.receivedAt ? { receivedAt: v.receivedAt.toISOString() } : {}),
    backDateReason: isBackDated(v.receivedAt, now) || text(v.backDateReason) ? text(v.backDateReason) : null,
    regulatorRef: regulator ? text(v.regulatorRef) : null,
    regulatorDeadline: regulator && v.regulatorDeadline ? v.regulatorDeadline.toISOString() : null,
    customerId: v.customerId ?? null,
    staffComplainedAbout: v.staffComplainedAbout ?? [],
  };
}
