import { civilDateAt, type TimeZone } from '../clocks';
import { REGULATORY_NOTICE_KEYS, renderRegulatoryNotice, type CaseExclusionKind, type RegulatoryNoticeKey } from '../clocks/regulatory-actions';

/** Locales notices are written in. */
export const NOTICE_LOCALES = ['zh-CN', 'en'] as const;
export type NoticeLocale = (typeof NOTICE_LOCALES)[number];

/** What a notice says: its subject line and plain-text body. */
export interface RenderedNotice {
  subject: string;
  body: string;
}

type Payload = Record<string, unknown>;
type Writer = (p: Payload, f: Formatters) => RenderedNotice;

interface Formatters {
  /** An instant as a local date and time in the institution's zone, or a dash. */
  at(value: unknown): string;
  text(value: unknown): string;
  clock(value: unknown): string;
  level(value: unknown): string;
}

const CLOCK_NAMES: Record<NoticeLocale, Record<string, string>> = {
  'zh-CN': { first_response: '首次响应', next_response: '后续响应', resolution: '解决时限', regulatory: '监管处理时限', review: '核查决定时限' },
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution', regulatory: 'regulatory deadline', review: 'review decision' },
};

function levelName(locale: NoticeLocale, level: unknown): string {
  const key = String(level ?? '');
  if (key === 'breach') return locale === 'zh-CN' ? '已超时' : 'breached';
  const percent = /^warning_(\d+)$/.exec(key)?.[1];
  if (percent) return locale === 'zh-CN' ? `已用 ${percent}%` : `${percent}% used`;
  return key;
}

function regulatoryWriters(key: RegulatoryNoticeKey): Record<NoticeLocale, Writer> {
  // Values only: a rendered subject or body an older row also carries is not read.
  const values = (p: Payload) => ({
    caseNumber: String(p.caseNumber ?? p.number ?? ''),
    date: String(p.date ?? ''),
    reason: typeof p.reason === 'string' ? p.reason : null,
    exclusionKind: typeof p.exclusionKind === 'string' ? (p.exclusionKind as CaseExclusionKind) : undefined,
    what: typeof p.what === 'string' ? p.what : undefined,
  });
  return { 'zh-CN': (p) => renderRegulatoryNotice(key, 'zh-CN', values(p)), en: (p) => renderRegulatoryNotice(key, 'en', values(p)) };
}

/** The review window an acknowledgement states: the payload's, none when it is null, 30 days for a row from before it was carried. */
function reviewDays(p: Payload): number | null {
  if (p.reviewWindowDays === null) return null;
  return typeof p.reviewWindowDays === 'number' && Number.isFinite(p.reviewWindowDays) ? p.reviewWindowDays : 30;
}

/**
 * The notices LoopDesk sends, by template key and locale. Every key has every locale (a test
 * checks it); payloads are what the writer of the outbox row put there, so every field is read
 * defensively.
 */
export const NOTICE_TEMPLATES: Record<string, Record<NoticeLocale, Writer>> = {
  // The customer's acknowledgement (登记回执), queued once triage has classified the case. The
  // review (核查) sentence states the window of the institution's rule set (reviewWindowDays),
  // and is left out where the rules have none (null); rows queued before the payload carried the
  // window were written under the China rules' 30 days.
  'case.acknowledgement': {
    'zh-CN': (p, f) => {
      const days = reviewDays(p);
      return {
        subject: `【受理回执】工单 ${f.text(p.caseNumber)}`,
        body:
          `${f.text(p.institutionName)}已于 ${f.text(p.receivedDate)} 收到您反映的问题，工单编号 ${f.text(p.caseNumber)}。` +
          (p.dueDate ? `我行将在 ${f.text(p.dueDate)}${p.dueProvisional ? '（暂定）' : ''} 前作出处理决定并告知您。` : '') +
          (days !== null ? `如对处理结果有异议，可在收到处理决定之日起 ${days} 日内申请核查。` : ''),
      };
    },
    en: (p, f) => {
      const days = reviewDays(p);
      return {
        subject: `We have received your case ${f.text(p.caseNumber)}`,
        body:
          `${f.text(p.institutionName)} received the matter you raised on ${f.text(p.receivedDate)}; its case number is ${f.text(p.caseNumber)}.` +
          (p.dueDate ? ` We will tell you our decision by ${f.text(p.dueDate)}${p.dueProvisional ? ' (provisional)' : ''}.` : '') +
          (days !== null ? ` If you disagree with the decision, you may ask for a review within ${days} days of receiving it.` : ''),
      };
    },
  },
  // Notices about the complainant's regulatory clock: the payload carries the notice's values.
  ...Object.fromEntries(REGULATORY_NOTICE_KEYS.map((key) => [key, regulatoryWriters(key)])),
  'clock.warning': {
    'zh-CN': (p, f) => ({
      subject: `【时限预警】${f.text(p.number)} ${f.clock(p.clock)}${f.level(p.level)}`,
      body: `工单 ${f.text(p.number)}（${f.text(p.title)}）的${f.clock(p.clock)}${f.level(p.level)}，到期时间 ${f.at(p.dueAt)}。请尽快处理。`,
    }),
    en: (p, f) => ({
      subject: `[Deadline warning] ${f.text(p.number)} ${f.clock(p.clock)}: ${f.level(p.level)}`,
      body: `Case ${f.text(p.number)} (${f.text(p.title)}): the ${f.clock(p.clock)} clock is at ${f.level(p.level)}; due ${f.at(p.dueAt)}. Please act soon.`,
    }),
  },
  'clock.breach': {
    'zh-CN': (p, f) => ({
      subject: `【时限超时】${f.text(p.number)} ${f.clock(p.clock)}已超时`,
      body: `工单 ${f.text(p.number)}（${f.text(p.title)}）的${f.clock(p.clock)}已于 ${f.at(p.dueAt)} 到期未完成。${p.reassignedTo ? '工单已升级改派。' : ''}`,
    }),
    en: (p, f) => ({
      subject: `[Deadline breached] ${f.text(p.number)} ${f.clock(p.clock)}`,
      body: `Case ${f.text(p.number)} (${f.text(p.title)}): the ${f.clock(p.clock)} deadline passed at ${f.at(p.dueAt)}.${p.reassignedTo ? ' The case was escalated and reassigned.' : ''}`,
    }),
  },
  'review.warning': {
    'zh-CN': (p, f) => ({
      subject: `【核查预警】${f.text(p.number)} 核查决定${f.level(p.level)}`,
      body: `工单 ${f.text(p.number)}（${f.text(p.title)}）的核查申请须在 ${f.at(p.dueAt)} 前作出核查决定并告知投诉人，目前${f.level(p.level)}。`,
    }),
    en: (p, f) => ({
      subject: `[Review warning] ${f.text(p.number)} review decision: ${f.level(p.level)}`,
      body: `Case ${f.text(p.number)} (${f.text(p.title)}): the review must be decided and the complainant told by ${f.at(p.dueAt)}; ${f.level(p.level)}.`,
    }),
  },
  'review.breach': {
    'zh-CN': (p, f) => ({
      subject: `【核查超时】${f.text(p.number)} 核查决定已超时`,
      body: `工单 ${f.text(p.number)}（${f.text(p.title)}）的核查决定期限 ${f.at(p.dueAt)} 已过，尚未作出决定。`,
    }),
    en: (p, f) => ({
      subject: `[Review overdue] ${f.text(p.number)} review decision`,
      body: `Case ${f.text(p.number)} (${f.text(p.title)}): the review decision was due by ${f.at(p.dueAt)} and has not been made.`,
    }),
  },
};

/** Renders a notice; throws a RangeError for a template key or locale LoopDesk does not have. */
export function renderNotice(templateKey: string, locale: string, payload: unknown, zone: TimeZone = 'Asia/Shanghai'): RenderedNotice {
  const byLocale = NOTICE_TEMPLATES[templateKey];
  if (!byLocale) throw new RangeError(`no notice template ${JSON.stringify(templateKey)}`);
  const l: NoticeLocale = (NOTICE_LOCALES as readonly string[]).includes(locale) ? (locale as NoticeLocale) : locale.startsWith('zh') ? 'zh-CN' : 'en';
  const p: Payload = payload && typeof payload === 'object' ? (payload as Payload) : {};
  const f: Formatters = {
    at: (v) => {
      const t = typeof v === 'string' || typeof v === 'number' ? new Date(v).getTime() : Number.NaN;
      return Number.isFinite(t) ? localDateTime(t, zone) : '—';
    },
    text: (v) => (v === null || v === undefined || v === '' ? '—' : String(v)),
    clock: (v) => CLOCK_NAMES[l][String(v)] ?? String(v ?? ''),
    level: (v) => levelName(l, v),
  };
  return byLocale[l](p, f);
}

/** `YYYY-MM-DD HH:mm` in the zone; the end of a day (24:00) reads as the day's 24:00. */
function localDateTime(at: number, zone: TimeZone): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  if (get('hour') === '00' && get('minute') === '00') {
    return `${civilDateAt(at - 1, zone)} 24:00`;
  }
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
