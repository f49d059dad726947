import { describe, expect, it } from 'vitest';
import { createStaff } from '../../server/test/harness';
import { HAS_CHROMIUM, SHOTS, signIn, useConsolePage } from './browser';

const DECISION = { outcome: 'not_upheld', letter: '经核实，审批时长符合规定。如对处理结果有异议，您可以自收到本决定之日起30日内向上级机构申请核查，也可以申请调解、仲裁或提起诉讼。', remedies: [] };

describe.skipIf(!HAS_CHROMIUM)('a handler records a review (核查) request on the case page', () => {
  const suite = useConsolePage({ width: 1440, height: 900 });

  it('sees the review window, records the request and sees the reviewing unit’s deadline', async () => {
    const { t, page } = suite;
    const admin = await t.admin();
    const handler = await createStaff(t, admin, { username: 'rv.e2e', displayName: '王核', roles: ['handler', 'team_lead'], orgCode: 'BJ-HD' });
    // Answered by API; the customer received the decision on Friday 20 November 2026 (the test clock's day).
    const { caseId, number } = (await handler.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '固定资产贷款审批拖延，客户经理不回复，请尽快处理。' })).body;
    let v = (await handler.client.get(`/api/cases/${caseId}`)).body.version;
    for (const body of [
      { action: 'accept' },
      { action: 'assign', assigneeId: handler.id },
      { action: 'start' },
      { action: 'answer', decision: DECISION, decisionReceivedAt: '2026-11-20T09:00:00+08:00' },
    ]) {
      const r = await handler.client.post(`/api/cases/${caseId}/transitions`, { version: v, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      v = r.body.version;
    }

    await signIn(page, t.url, 'rv.e2e', handler.password);
    await page.locator('#main-menu').getByText('工单', { exact: true }).waitFor();
    await page.goto(`${t.url}/cases/${caseId}`);
    await page.locator('#case-number').getByText(number).waitFor();
    // Day 30 is Sunday 20 December: the window stays open to the end of Monday 21 December.
    await page.locator('#review-window-due').waitFor();
    expect(await page.locator('#review-window-due').innerText()).toBe('可申请至 2026年12月21日 24:00');
    expect(await page.locator('[data-testid="review-window-clock"]').getAttribute('data-status')).toBe('running');

    await page.locator('#review-request').click();
    await page.locator('#review-reason').fill('客户书面申请核查，认为审批时长不合理');
    await page.locator('#review-request-submit').click();
    await page.locator('[data-testid="case-review"]').waitFor();
    // Received today (20 November): the reviewing unit decides by day 30, Sunday 20 December, moved to Monday 21 December.
    expect(await page.locator('[data-testid="review-due"]').innerText()).toBe('2026年12月21日 24:00');
    expect(await page.locator('[data-testid="review-clock"]').getAttribute('data-status')).toBe('running');
    await page.locator('[data-testid="case-status"][data-status="reopened"]').waitFor();
    await page.screenshot({ path: `${SHOTS}/case-review.png`, fullPage: true });
  });
});
