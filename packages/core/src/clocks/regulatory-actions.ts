import type { Role } from '../roles';
import { isWithin, pathIds } from '../org';
import type { ExclusionKind, TRegulatoryRuleSet } from './rule-sets';
import { regulatoryStep } from './deadlines';

// What staff may do to a case's regulatory clock (DESIGN.md §5, REGULATION.md Art. 18, 23):
// which recorded periods a rule set lets them leave out, and who may approve an extension.

/** What a case's excluded period was for, as staff record it. */
export const CASE_EXCLUSION_KINDS = ['appraisal', 'testing', 'evaluation', 'mediation'] as const;
export type CaseExclusionKind = (typeof CASE_EXCLUSION_KINDS)[number];

/** The rule-set kind a recorded period falls under: Art. 18 names 鉴定、检测、评估 together as outside work. */
export function ruleExclusionKind(kind: CaseExclusionKind): ExclusionKind {
  return kind === 'mediation' ? 'mediation' : 'outside_appraisal';
}

/** The kinds of period the rule set's step lets a case leave out (none where exclusions do not apply). */
export function allowedExclusionKinds(ruleSet: TRegulatoryRuleSet, stepId?: string): CaseExclusionKind[] {
  if (!regulatoryStep(ruleSet, stepId).exclusionsApply) return [];
  return CASE_EXCLUSION_KINDS.filter((kind) => ruleSet.exclusions.some((rule) => rule.kind === ruleExclusionKind(kind)));
}

/** Whether the rule set requires the complainant to be told before a period of this kind counts as excluded. */
export function exclusionRequiresNotice(ruleSet: TRegulatoryRuleSet, kind: CaseExclusionKind): boolean {
  return ruleSet.exclusions.find((rule) => rule.kind === ruleExclusionKind(kind))?.requiresNotice ?? false;
}

/** Roles that may approve an extension that needs no higher level: supervisors of the case's unit or above. */
export const EXTENSION_APPROVER_ROLES: readonly Role[] = ['team_lead', 'branch_manager', 'consumer_protection'];
/** Roles that speak for a higher-level institution (上级机构) or head-office senior management (总行高级管理人员). */
export const HIGHER_LEVEL_APPROVER_ROLES: readonly Role[] = ['branch_manager', 'consumer_protection'];

export interface ExtensionApprover {
  userId: string;
  roles: readonly Role[];
  /** The path of the approver's org unit. */
  orgPath: string;
}

export type ExtensionApprovalVerdict = { ok: true } | { ok: false; reason: 'recused' | 'role' | 'level' };

/**
 * Whether `approver` may approve an extension of a case at `caseOrgPath`. An extension with no
 * higher-level approval needs a supervisor (team lead, branch manager, consumer protection) of
 * the case's unit or a unit above it. A higher-level one (China: 情况特别复杂, Art. 18) needs a
 * branch manager or consumer-protection officer of a unit strictly above the case's unit — the
 * 上级机构 — or, for a case the head office itself holds, of the head office. The staff
 * complained about and their line managers never approve (`recused`).
 */
export function mayApproveExtension(
  approval: 'none' | 'higher_level',
  approver: ExtensionApprover,
  caseOrgPath: string,
  recusedUserIds: readonly string[],
): ExtensionApprovalVerdict {
  if (recusedUserIds.includes(approver.userId)) return { ok: false, reason: 'recused' };
  const roles = approval === 'higher_level' ? HIGHER_LEVEL_APPROVER_ROLES : EXTENSION_APPROVER_ROLES;
  if (!approver.roles.some((role) => roles.includes(role))) return { ok: false, reason: 'role' };
  if (!isWithin(caseOrgPath, approver.orgPath)) return { ok: false, reason: 'level' };
  if (approval === 'none') return { ok: true };
  const atRoot = pathIds(caseOrgPath).length === 1;
  const strictlyAbove = approver.orgPath !== caseOrgPath;
  return strictlyAbove || atRoot ? { ok: true } : { ok: false, reason: 'level' };
}

/** Notices to the complainant about their regulatory clock, queued in the outbox by template key. */
export const REGULATORY_NOTICE_KEYS = ['regulatory.extension', 'regulatory.exclusion', 'regulatory.exclusion_ended'] as const;
export type RegulatoryNoticeKey = (typeof REGULATORY_NOTICE_KEYS)[number];

/**
 * The values a regulatory notice is worded from, as its outbox row carries them: the case, the
 * (new) deadline or the period's first day, the reason staff gave and, for an excluded period,
 * its kind. No wording: the text is the template's, in the row's locale, at delivery.
 */
export interface RegulatoryNoticeValues {
  caseNumber: string;
  /** The new deadline's date, or for an exclusion the day the period began (for its end: the new deadline). */
  date: string;
  /** Why, as staff wrote it; for an excluded period without one, the notice names the period's kind. */
  reason?: string | null;
  /** For an excluded period: what it is for. */
  exclusionKind?: CaseExclusionKind;
  /**
   * Rows queued before the payload carried only values hold the period's name already worded
   * in the row's locale here (and a rendered subject and body, which rendering ignores).
   */
  what?: string;
}

const NOTICE_TEXTS: Record<RegulatoryNoticeKey, Record<'zh-CN' | 'en', { subject: string; body: string }>> = {
  'regulatory.extension': {
    'zh-CN': {
      subject: '处理期限延长告知（{{caseNumber}}）',
      body: '您反映的问题（工单编号{{caseNumber}}）因{{reason}}，处理期限延长至{{date}}。我行将在此之前作出处理决定并告知您。',
    },
    en: {
      subject: 'We need more time for case {{caseNumber}}',
      body: 'The matter you raised (case {{caseNumber}}) needs more time because: {{reason}}. We will tell you our decision by {{date}}.',
    },
  },
  'regulatory.exclusion': {
    'zh-CN': {
      subject: '处理期限暂停计算告知（{{caseNumber}}）',
      body: '您反映的问题（工单编号{{caseNumber}}）需进行{{what}}，自{{date}}起相关期间不计入处理期限。原因：{{reason}}。结束后我行将继续处理。',
    },
    en: {
      subject: 'Case {{caseNumber}}: time for {{what}} is not counted',
      body: 'The matter you raised (case {{caseNumber}}) needs {{what}}; from {{date}} that time is not counted towards our deadline. Reason: {{reason}}. We will continue once it is done.',
    },
  },
  'regulatory.exclusion_ended': {
    'zh-CN': {
      subject: '处理期限恢复计算告知（{{caseNumber}}）',
      body: '您反映的问题（工单编号{{caseNumber}}）的{{what}}已结束，处理期限恢复计算，延至{{date}}。我行将在此之前作出处理决定并告知您。',
    },
    en: {
      subject: 'Case {{caseNumber}}: our deadline counts again',
      body: 'The period for {{what}} in the matter you raised (case {{caseNumber}}) has ended, and the time counts towards our deadline again: we will tell you our decision by {{date}}.',
    },
  },
};

const EXCLUSION_NAMES: Record<CaseExclusionKind, Record<'zh-CN' | 'en', string>> = {
  appraisal: { 'zh-CN': '外部鉴定', en: 'an outside appraisal' },
  testing: { 'zh-CN': '外部检测', en: 'outside testing' },
  evaluation: { 'zh-CN': '外部评估', en: 'an outside evaluation' },
  mediation: { 'zh-CN': '调解', en: 'mediation' },
};

/** The name of an excluded period's kind in a notice's language. */
export function exclusionKindName(kind: CaseExclusionKind, locale: 'zh-CN' | 'en'): string {
  return EXCLUSION_NAMES[kind][locale];
}

/** A regulatory notice in the complainant's language, ready to send. */
export function renderRegulatoryNotice(key: RegulatoryNoticeKey, locale: 'zh-CN' | 'en', values: RegulatoryNoticeValues): { subject: string; body: string } {
  const kind = values.exclusionKind && (CASE_EXCLUSION_KINDS as readonly string[]).includes(values.exclusionKind) ? values.exclusionKind : undefined;
  const what = kind ? exclusionKindName(kind, locale) : (values.what ?? '');
  const words: Record<string, string> = { caseNumber: values.caseNumber, date: values.date, what, reason: values.reason || what };
  const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => words[name] ?? '');
  const text = NOTICE_TEXTS[key][locale];
  return { subject: fill(text.subject), body: fill(text.body) };
}
