import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, closeDropdown, HAS_CHROMIUM, openBrowser, pickOption, SHOTS, signIn, type TestBrowser } from './browser';

// A place name no other case uses, so the queue's search shows these cases alone.
const COMPLAINT = '望京桥支行贷款审批拖延，客户经理一直不回复，请尽快处理。';

describe.skipIf(!HAS_CHROMIUM)('bulk assignment from the case queue, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let lead: Client;
  let leadPassword = '';
  let handlerId = '';
  let otherId = '';
  let cpPassword = '';
  let settlementNumber = '';
  const cases: { id: string; number: string; version: number }[] = [];
  let fresh: { id: string; number: string };

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    const l = await createStaff(t, admin, { username: 'e2e.lead', displayName: '李组长', roles: ['team_lead'], orgCode: 'BJ' });
    lead = l.client;
    leadPassword = l.password;
    handlerId = (await createStaff(t, admin, { username: 'e2e.handler', displayName: '张海', roles: ['handler'], orgCode: 'BJ-HD' })).id;
    otherId = (await createStaff(t, admin, { username: 'e2e.other', displayName: '王五', roles: ['handler'], orgCode: 'BJ-HD' })).id;
    cpPassword = (await createStaff(t, admin, { username: 'e2e.cp', displayName: '消保专员', roles: ['consumer_protection'], orgCode: 'HO' })).password;
    const settlement = await lead.post('/api/cases', { channel: 'letter', kind: 'complaint', businessLine: 'settlement', text: '结算手续费收取不透明，要求说明并退还。' });
    expect(settlement.status).toBe(201);
    settlementNumber = settlement.body.number;
    // Three accepted, unassigned cases (no assignment rule exists, so acceptance leaves them in the queue).
    for (let i = 0; i < 3; i++) {
      const r = await lead.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: `${COMPLAINT}（第${i + 1}件）` });
      expect(r.status).toBe(201);
      const accepted = await lead.post(`/api/cases/${r.body.caseId}/transitions`, { action: 'accept', version: 1 });
      expect(accepted.status).toBe(200);
      cases.push({ id: r.body.caseId, number: r.body.number, version: accepted.body.version });
    }
    // And one not yet accepted: it waits in the unassigned queue too, but is accepted before it is assigned.
    const r = await lead.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: `${COMPLAINT}（新登记）` });
    fresh = { id: r.body.caseId, number: r.body.number };
    browser = await openBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function enterConsole(p: Page, username: string, password: string) {
    await signIn(p, t.url, username, password);
    await p.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
  }

  it('assigns the selected cases to one person, and names the one someone else changed meanwhile and the one not yet accepted', async () => {
    await enterConsole(page, 'e2e.lead', leadPassword);
    await page.goto(`${t.url}/cases/queue/unassigned?q=${encodeURIComponent('望京桥')}`);
    for (const c of cases) await page.locator(`#cases-table tr[data-number="${c.number}"]`).waitFor();

    // Selecting a row's box selects it and does not open the case.
    for (const c of [...cases, fresh]) await page.locator(`[data-testid="select-${c.number}"] input`).check();
    await page.getByText('已选 4 个工单').waitFor();
    expect(page.url()).toContain('/cases/queue/unassigned');

    // Meanwhile a colleague assigns the third case: the version the queue holds is now stale.
    const third = cases[2]!;
    expect((await lead.post(`/api/cases/${third.id}/transitions`, { action: 'assign', version: third.version, assigneeId: otherId })).status).toBe(200);

    await page.locator('[data-testid="bulk-assign"]').click();
    await page.locator('#bulk-assign-submit').waitFor();
    await page.locator('#bulk-assign-assignee').click();
    await page.locator('#bulk-assign-assignee').fill('张海');
    await pickOption(page, '张海');
    await page.locator('#bulk-assign-reason').fill('望京桥片区集中处理');
    await page.locator('#bulk-assign-submit').click();

    const refused = page.locator('[data-testid="bulk-assign-refused"]');
    await refused.waitFor();
    await refused.getByText(third.number).waitFor();
    await refused.locator('.ant-list-item').filter({ hasText: fresh.number }).getByText('工单待受理，请先受理再分派').waitFor();
    expect(await refused.locator('.ant-list-item').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, 'assignment-bulk-refused.png') });

    // What the server holds: the first two assigned to 张海 with the reason, the third left as the colleague set it.
    for (const c of cases.slice(0, 2)) {
      const d = (await lead.get(`/api/cases/${c.id}`)).body;
      expect(d).toMatchObject({ status: 'assigned', assigneeId: handlerId });
      expect(d.events.at(-1)).toMatchObject({ type: 'assign', reason: '望京桥片区集中处理' });
    }
    expect((await lead.get(`/api/cases/${third.id}`)).body.assigneeId).toBe(otherId);

    // Closing the dialog: the assigned cases have left the unassigned queue and the selection.
    await page.locator('.ant-modal:visible .ant-modal-close').click();
    await page.locator(`#cases-table tr[data-number="${cases[0]!.number}"]`).waitFor({ state: 'detached' });
    await page.getByText('已选 2 个工单').waitFor();
  });

  it('lets a team lead set up a team and consumer protection route cases to it, tried on a case', async () => {
    await page.locator('#main-menu').getByText('处理团队', { exact: true }).click();
    await page.locator('#teams-create').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#team-form_name').fill('海淀结算组');
    await page.locator('#team-org-unit').click();
    await pickOption(page, '海淀支行');
    await page.locator('#team-add-member').click();
    await modal.locator('.ant-select').filter({ hasText: '成员' }).first().click();
    await page.keyboard.type('张海');
    await pickOption(page, '张海');
    await modal.locator('.ant-select').filter({ hasText: '技能' }).first().click();
    await pickOption(page, '收费定价');
    await closeDropdown(page);
    await page.locator('#team-form-submit').click();
    await modal.waitFor({ state: 'detached' });
    const row = page.locator('#teams-table tr', { hasText: '海淀结算组' });
    await row.getByText('张海 · 收费定价').waitFor();
    await row.getByText('轮流分派').waitFor();

    const cpPage = await browser.newPage();
    await enterConsole(cpPage, 'e2e.cp', cpPassword);
    await cpPage.locator('#main-menu').getByText('分派规则', { exact: true }).click();
    await cpPage.locator('#rules-create').click();
    const ruleModal = cpPage.locator('.ant-modal:visible');
    await ruleModal.locator('#rule-form_name').fill('结算→海淀结算组');
    await ruleModal.locator('#rule-form_businessLines').click();
    await pickOption(cpPage, '结算');
    await closeDropdown(cpPage);
    await cpPage.locator('#rule-team').click();
    await pickOption(cpPage, '海淀结算组');
    await cpPage.locator('#rule-form-submit').click();
    await ruleModal.waitFor({ state: 'detached' });
    await cpPage.locator('#rules-table tr', { hasText: '结算→海淀结算组' }).getByText('结算', { exact: true }).waitFor();

    // Tried on the settlement case: this rule, this team, and 张海 would get it; nothing is written.
    await cpPage.locator('#rule-test-case').click();
    await cpPage.keyboard.type(settlementNumber);
    await pickOption(cpPage, settlementNumber);
    await cpPage.locator('#rule-test-run').click();
    const result = cpPage.locator('#rule-test-result');
    await result.getByText('匹配规则“结算→海淀结算组”，进入团队“海淀结算组”').waitFor();
    await result.getByText('将分派给：张海').waitFor();
    await cpPage.screenshot({ path: path.join(SHOTS, 'assignment-rule-trial.png'), fullPage: true });
    expect((await lead.get(`/api/cases?queue=all&q=${settlementNumber}`)).body.items[0]).toMatchObject({ status: 'new', assigneeId: null });
  });
});
