import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, HAS_CHROMIUM, openBrowser, SHOTS, signIn, type TestBrowser } from './browser';

const COMPLAINT = '我公司在贵行申请的项目融资贷款审批拖延三个月，客户经理一直不回复，请尽快处理。';

/** Three people at once: a Beijing handler at their workbench and bell, an auditor reading the trail. */
describe.skipIf(!HAS_CHROMIUM)('the workbench, the notices and the audit trail in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let handler: { client: Client; id: string; password: string };
  let auditor: { client: Client; id: string; password: string };
  const cases = {} as Record<'mine' | 'bjOverdue' | 'shOverdue', { caseId: string; number: string }>;

  const intake = async (c: Client, body: Record<string, unknown> = {}) => {
    const r = await c.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: COMPLAINT, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { caseId: r.body.caseId as string, number: r.body.number as string };
  };
  const act = async (c: Client, id: string, body: Record<string, unknown>) => {
    const version = (await c.get(`/api/cases/${id}`)).body.version;
    expect((await c.post(`/api/cases/${id}/transitions`, { version, ...body })).status).toBe(200);
  };

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'bjhd.handler', roles: ['handler'], orgCode: 'BJ-HD', displayName: '李明（海淀支行）' });
    const lead = await createStaff(t, admin, { username: 'bj.lead', roles: ['team_lead'], orgCode: 'BJ' });
    const shHandler = await createStaff(t, admin, { username: 'shpd.handler', roles: ['handler'], orgCode: 'SH-PD' });
    auditor = await createStaff(t, admin, { username: 'ho.auditor', roles: ['auditor'], orgCode: 'HO', displayName: '吴涛（审计）' });
    cases.mine = await intake(handler.client);
    await act(handler.client, cases.mine.caseId, { action: 'accept' });
    await act(lead.client, cases.mine.caseId, { action: 'assign', assigneeId: handler.id });
    cases.bjOverdue = await intake(handler.client, { channel: 'letter', receivedAt: '2026-10-20T09:00:00+08:00', backDateReason: '信件邮戳日期 2026-10-20' });
    cases.shOverdue = await intake(shHandler.client, { channel: 'letter', receivedAt: '2026-10-19T09:00:00+08:00', backDateReason: '信件邮戳日期 2026-10-19' });
    for (const number of ['FB-1', 'FB-2', 'FB-3']) {
      await t.database.db.transaction((tx) =>
        t.app.services.notifications.enqueue(tx, { institutionId: t.setup.institutionId, recipientType: 'staff', recipientId: handler.id, templateKey: 'review.warning', locale: 'zh-CN', payload: { number, level: 'warning_90', dueAt: '2026-12-07T16:00:00.000Z' }, caseId: null }),
      );
    }
    browser = await openBrowser({ width: 1366, height: 820 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const count = (page: Page, key: string) => page.getByTestId(`workbench-count-${key}`).getAttribute('data-count');

  it('shows a handler the counts of their own work and their branch’s deadlines, each opening its queue', async () => {
    const page = await browser.newPage();
    await signIn(page, t.url, 'bjhd.handler', handler.password);
    await page.locator('#workbench-counts').waitFor();
    expect(await page.locator('#workbench-counts').innerText()).toMatch(/我的待办[\s\S]*即将到期[\s\S]*已超期[\s\S]*等待客户/);
    expect(await count(page, 'mine')).toBe('1');
    // The Shanghai letter is overdue too, but not in this handler's part of the bank.
    expect(await count(page, 'overdue')).toBe('1');
    expect(await count(page, 'awaiting_customer')).toBe('0');
    await page.screenshot({ path: path.join(SHOTS, 'workbench-handler.png') });

    await page.getByTestId('workbench-count-overdue').click();
    await page.waitForURL(/\/cases\/queue\/overdue$/);
    await page.locator(`#cases-table tr[data-number="${cases.bjOverdue.number}"]`).waitFor();
    expect(await page.locator('#cases-table tbody tr[data-number]').count()).toBe(1);
    expect(await page.locator(`#cases-table tr[data-number="${cases.shOverdue.number}"]`).count()).toBe(0);

    // The unread notices: all marked read at once, the badge goes to zero.
    const badge = page.locator('.ant-badge:has(#notification-bell) .ant-badge-count');
    await expect.poll(() => badge.getAttribute('title')).toBe('3');
    await page.locator('#notification-bell').click();
    await page.locator('#notification-list [data-testid="notification"]').first().waitFor();
    expect(await page.locator('#notification-list [data-testid="notification"][data-read="false"]').count()).toBe(3);
    await page.locator('#notifications-mark-all-read').click();
    await expect.poll(() => page.locator('#notification-list [data-testid="notification"][data-read="false"]').count()).toBe(0);
    await expect.poll(() => badge.count()).toBe(0);
    expect(await page.locator('#notifications-mark-all-read').isDisabled()).toBe(true);
    // The server agrees: a reload shows none unread.
    await page.reload();
    await page.locator('#notification-bell').waitFor();
    expect((await handler.client.get('/api/notifications/mine')).body.unread).toBe(0);
    await expect.poll(() => badge.count()).toBe(0);
  });

  it('shows an auditor actions in words, actors by name and cases by number, the raw values at hand', async () => {
    const page = await browser.newPage();
    await signIn(page, t.url, 'ho.auditor', auditor.password);
    await page.locator('#workbench-counts').waitFor();
    // Head office: the whole bank's overdue cases.
    expect(await count(page, 'overdue')).toBe('2');
    await page.goto(`${t.url}/audit`);
    const row = page.locator('#audit-table tbody tr', { has: page.locator(`[data-testid="audit-object"][data-id="${cases.bjOverdue.caseId}"]`) }).filter({ hasText: '登记工单' });
    await row.first().waitFor();
    expect(await row.first().getByTestId('audit-actor').innerText()).toBe('李明（海淀支行）');
    expect(await row.first().getByTestId('audit-object').innerText()).toBe(cases.bjOverdue.number);
    expect(await row.first().getByTestId('audit-action').getAttribute('data-code')).toBe('case.create');
    // No raw code or UUID among what the table shows.
    const shown = await page.locator('#audit-table tbody').innerText();
    expect(shown).not.toContain('case.create');
    expect(shown).not.toContain(cases.bjOverdue.caseId);
    // The raw code is a hover away.
    await row.first().getByTestId('audit-action').hover();
    await page.locator('.ant-tooltip', { hasText: 'case.create' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'audit-in-words.png') });
    // The action filter is found by its name and filters by its code.
    await page.locator('#audit-filters_action').fill('登记工单');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '登记工单（case.create）' }).click();
    expect(await page.locator('#audit-filters_action').inputValue()).toBe('case.create');
    await page.locator('form[id="audit-filters"] button[type="submit"]').click();
    await expect.poll(async () => [...new Set(await page.locator('#audit-table [data-testid="audit-action"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))))]).toEqual(['case.create']);
    expect(await page.locator('#audit-table [data-testid="audit-action"]').count()).toBe(3);
    // The case number opens the case.
    await row.first().getByTestId('audit-object').click();
    await page.waitForURL(new RegExp(`/cases/${cases.bjOverdue.caseId}$`));
    await page.getByText(cases.bjOverdue.number).first().waitFor();
  });
});
