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

  it('shows a local time of day in the institution zone, and a dash for what is missing', () => {
    expect(renderNotice('clock.warning', 'en', { ...PAYLOAD, dueAt: '2026-11-20T06:30:00Z' }).body).toContain('due 2026-11-20 14:30');
    expect(renderNotice('clock.warning', 'en', {}).subject).toBe('[Deadline warning] — : ');
  });

  it('refuses a key it does not have', () => {
    expect(() => renderNotice('no.such', 'en', PAYLOAD)).toThrow(RangeError);
  });
});
