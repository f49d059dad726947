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
    // The review window is the rule set's; none is mentioned where the rules have no review.
    expect(renderNotice('case.acknowledgement', 'zh-CN', { ...ack, reviewWindowDays: 30 }).body).toContain('可在收到处理决定之日起 30 日内申请核查。');
    expect(renderNotice('case.acknowledgement', 'en', { ...ack, reviewWindowDays: 45 }).body).toContain('ask for a review within 45 days of receiving it.');
    expect(renderNotice('case.acknowledgement', 'zh-CN', { ...ack, reviewWindowDays: null }).body).not.toContain('核查');
    expect(renderNotice('case.acknowledgement', 'en', { ...ack, reviewWindowDays: null }).body).not.toContain('review');
    expect(renderNotice('case.acknowledgement', 'en', { ...ack, dueProvisional: true }).body).toContain('by 2026-12-07 (provisional)');
    const extension = renderNotice('regulatory.extension', 'en', { number: 'FB-20261120-000001', caseNumber: 'FB-20261120-000001', date: '2027-01-06', reason: 'an outside valuation of the collateral' });
    expect(extension.subject).toBe('We need more time for case FB-20261120-000001');
    expect(extension.body).toContain('by 2027-01-06');
  });

  it.each([
    ['regulatory.exclusion', 'zh-CN', '处理期限暂停计算告知（FB-1）', '需进行外部鉴定，自2026-08-10起相关期间不计入处理期限。原因：外部鉴定。'],
    ['regulatory.exclusion', 'en', 'Case FB-1: time for an outside appraisal is not counted', 'needs an outside appraisal; from 2026-08-10 that time is not counted towards our deadline. Reason: an outside appraisal.'],
    ['regulatory.exclusion_ended', 'zh-CN', '处理期限恢复计算告知（FB-1）', '外部鉴定已结束，处理期限恢复计算，延至2026-08-10'],
    ['regulatory.exclusion_ended', 'en', 'Case FB-1: our deadline counts again', 'The period for an outside appraisal in the matter you raised (case FB-1) has ended'],
  ])('words %s in %s from the period’s kind (the payload carries values, no words)', (key, locale, subject, inBody) => {
    const notice = renderNotice(key, locale, { caseId: 'c1', number: 'FB-1', caseNumber: 'FB-1', date: '2026-08-10', reason: null, exclusionKind: 'appraisal' });
    expect(notice.subject).toBe(subject);
    expect(notice.body).toContain(inBody);
  });

  it('gives the reason staff wrote, in place of the period’s name', () => {
    expect(renderNotice('regulatory.exclusion', 'en', { caseNumber: 'FB-1', date: '2026-08-10', reason: '需核对评估报告', exclusionKind: 'appraisal' }).body).toContain('Reason: 需核对评估报告.');
  });

  it('renders rows queued before the payload held only values: their stored subject and body are ignored, their worded period kept', () => {
    const old = {
      caseId: 'c1',
      number: 'FB-1',
      caseNumber: 'FB-1',
      channel: 'web',
      contactId: null,
      date: '2026-08-26',
      reason: '外部鉴定',
      what: '外部鉴定',
      subject: 'a stale subject',
      body: 'a stale body',
    };
    expect(renderNotice('regulatory.exclusion_ended', 'zh-CN', old)).toEqual({
      subject: '处理期限恢复计算告知（FB-1）',
      body: '您反映的问题（工单编号FB-1）的外部鉴定已结束，处理期限恢复计算，延至2026-08-26。我行将在此之前作出处理决定并告知您。',
    });
    const extension = renderNotice('regulatory.extension', 'en', { caseNumber: 'FB-1', date: '2026-09-07', reason: 'more records needed', subject: 'x', body: 'y' });
    expect(extension).toEqual({
      subject: 'We need more time for case FB-1',
      body: 'The matter you raised (case FB-1) needs more time because: more records needed. We will tell you our decision by 2026-09-07.',
    });
  });

  it('shows a local time of day in the institution zone, and a dash for what is missing', () => {
    expect(renderNotice('clock.warning', 'en', { ...PAYLOAD, dueAt: '2026-11-20T06:30:00Z' }).body).toContain('due 2026-11-20 14:30');
    expect(renderNotice('clock.warning', 'en', {}).subject).toBe('[Deadline warning] — : ');
  });

  it('refuses a key it does not have', () => {
    expect(() => renderNotice('no.such', 'en', PAYLOAD)).toThrow(RangeError);
  });
});
