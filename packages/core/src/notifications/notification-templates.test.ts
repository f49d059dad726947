import { describe, expect, it } from 'vitest';
import { NOTICE_LOCALES, NOTICE_TEMPLATES, renderNotice } from './notification-templates';

const PAYLOAD = { number: 'FB-20261120-000001', title: '贷款审批拖延', clock: 'resolution', level: 'warning_75', dueAt: '2026-12-07T16:00:00.000Z' };

describe('notice templates', () => {
  it('has every locale for every key', () => {
    for (const [key, byLocale] of Object.entries(NOTICE_TEMPLATES)) expect(Object.keys(byLocale).sort(), key).toEqual([...NOTICE_LOCALES].sort());
  });

  it.each([
    ['clock.warning', 'zh-CN', '【时限预警】FB-20261120-000001 解决时限已用 75%', '到期时间 2026-12-07 24:00'],
    ['clock.warning', 'en', '[Deadline warning] FB-20261120-000001 resolution: 75% used', 'due 2026-12-07 24:00'],
    ['clock.breach', 'zh-CN', '【时限超时】FB-20261120-000001 解决时限已超时', '2026-12-07 24:00 到期未完成'],
    ['review.warning', 'en', '[Review warning] FB-20261120-000001 review decision: 75% used', 'by 2026-12-07 24:00'],
    ['review.breach', 'zh-CN', '【核查超时】FB-20261120-000001 核查决定已超时', '核查决定期限 2026-12-07 24:00 已过'],
    // zh-TW staff read the zh-CN notice; an unknown locale falls back to English.
    ['clock.warning', 'zh-TW', '【时限预警】FB-20261120-000001 解决时限已用 75%', '贷款审批拖延'],
    ['clock.warning', 'fr', '[Deadline warning] FB-20261120-000001 resolution: 75% used', 'Case FB-20261120-000001'],
  ])('%s in %s', (key, locale, subject, inBody) => {
    const notice = renderNotice(key, locale, PAYLOAD);
    expect(notice.subject).toBe(subject);
    expect(notice.body).toContain(inBody);
  });

  it('words the customer acknowledgement and the regulatory notices the outbox rows carry values for', () => {
    const ack = { caseNumber: 'FB-20261120-000001', institutionName: '示范银行', receivedDate: '2026-11-20', dueDate: '2026-12-07', dueProvisional: false };
    expect(renderNotice('case.acknowledgement', 'zh-CN', ack)).toEqual({
      subject: '【受理回执】工单 FB-20261120-000001',
      body: '示范银行已于 2026-11-20 收到您反映的问题，工单编号 FB-20261120-000001。我行将在 2026-12-07 前作出处理决定并告知您。如对处理结果有异议，可在收到处理决定之日起 30 日内申请核查。',
    });
    expect(renderNotice('case.acknowledgement', 'en', { ...ack, dueDate: null }).body).not.toContain('decision by');
    expect(renderNotice('case.acknowledgement', 'en', { ...ack, dueProvisional: true }).body).toContain('by 2026-12-07 (provisional)');
    const extension = renderNotice('regulatory.extension', 'en', { number: 'FB-20261120-000001', caseNumber: 'FB-20261120-000001', date: '2027-01-06', reason: 'an outside valuation of the collateral' });
    expect(extension.subject).toBe('We need more time for case FB-20261120-000001');
    expect(extension.body).toContain('by 2027-01-06');
  });

  it('shows a local time of day in the institution zone, and a dash for what is missing', () => {
    expect(renderNotice('clock.warning', 'en', { ...PAYLOAD, dueAt: '2026-11-20T06:30:00Z' }).body).toContain('due 2026-11-20 14:30');
    expect(renderNotice('clock.warning', 'en', {}).subject).toBe('[Deadline warning] — : ');
  });

  it('refuses a key it does not have', () => {
    expect(() => renderNotice('no.such', 'en', PAYLOAD)).toThrow(RangeError);
  });
});
