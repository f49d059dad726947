import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, HAS_CHROMIUM, openBrowser, SHOTS, signIn, type TestBrowser } from './browser';

// A place name no other case uses, so the queue's search finds this case alone.
const COMPLAINT = '燕莎桥支行银团贷款信息披露不全，我们准备向媒体反映。';

describe.skipIf(!HAS_CHROMIUM)('saved views and the expert panel, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let handlerPassword = '';
  let legalPassword = '';
  let cpPassword = '';
  let cpClient: Client;
  let ruleId = '';
  let handler: Client;
  let caseId = '';
  let caseNumber = '';

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    const cp = await createStaff(t, admin, { username: 'e2e.cp', displayName: '消保专员', roles: ['consumer_protection'], orgCode: 'HO' });
    const lead = await createStaff(t, admin, { username: 'e2e.lead', displayName: '李组长', roles: ['team_lead'], orgCode: 'BJ' });
    const h = await createStaff(t, admin, { username: 'e2e.handler', displayName: '张海', roles: ['handler'], orgCode: 'BJ-HD' });
    handler = h.client;
    handlerPassword = h.password;
    const legal = await createStaff(t, admin, { username: 'e2e.legal', displayName: '法务刘律师', roles: ['legal_officer'], orgCode: 'HO-LEGAL' });
    legalPassword = legal.password;
    const rule = await cp.client.post('/api/major-case-rules', { name: '媒体威胁', conditions: { riskFlags: ['media_threat'] }, panelMemberIds: [legal.id] });
    expect(rule.status).toBe(201);
    ruleId = rule.body.id;
    cpClient = cp.client;
    cpPassword = cp.password;
    const created = await lead.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', priority: 'P1', riskFlags: ['media_threat'], orgUnitId: h.client.me!.orgUnitId, text: COMPLAINT });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    caseId = created.body.caseId;
    caseNumber = created.body.number;
    let v = (await lead.client.post(`/api/cases/${caseId}/transitions`, { action: 'accept', version: 1 })).body.version;
    v = (await lead.client.post(`/api/cases/${caseId}/transitions`, { action: 'assign', version: v, assigneeId: h.id })).body.version;
    v = (await handler.post(`/api/cases/${caseId}/transitions`, { action: 'start', version: v })).body.version;
    const submitted = await handler.post(`/api/cases/${caseId}/panel`, { version: v, decision: { outcome: 'partly_upheld', letter: '经核实，信息披露确有不全之处，我行将补充披露并致歉。', remedies: [] } });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    browser = await openBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('saves the queue filters as a view and reopens it from another queue', async () => {
    await signIn(page, t.url, 'e2e.handler', handlerPassword);
    await page.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
    await page.goto(`${t.url}/cases/queue/open?priority=P1&q=${encodeURIComponent('燕莎桥')}`);
    await page.locator(`#cases-table tr[data-number="${caseNumber}"]`).waitFor();
    await page.locator('[data-testid="saved-view-save"]').click();
    await page.locator('#saved-view-name').fill('燕莎桥P1');
    await page.locator('#saved-view-ok').click();
    await page.locator('[data-testid="saved-view"][data-name="燕莎桥P1"]').waitFor();
    // Stored on the server, with the filters the case list takes.
    const views = (await handler.get('/api/saved-views')).body.items;
    expect(views).toMatchObject([{ name: '燕莎桥P1', filters: { queue: 'open', priority: 'P1', q: '燕莎桥' }, mine: true }]);

    // Another queue, then the view again: its queue and filters come back, and the case with them.
    await page.goto(`${t.url}/cases/queue/mine`);
    await page.locator('[data-testid="saved-view"][data-name="燕莎桥P1"] [data-testid="saved-view-open"]').click();
    await page.waitForURL((u) => u.pathname === '/cases/queue/open' && u.searchParams.get('priority') === 'P1' && u.searchParams.get('q') === '燕莎桥');
    await page.locator(`#cases-table tr[data-number="${caseNumber}"]`).waitFor();
    // The rule marked the case major: its row says so.
    await page.locator(`#cases-table tr[data-number="${caseNumber}"] [data-testid="case-major"]`).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'saved-view-reopened.png') });
  });

  it('lets a head-office panel member open the branch case and record an agreement', async () => {
    const legalPage = await browser.newPage();
    await signIn(legalPage, t.url, 'e2e.legal', legalPassword);
    await legalPage.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
    await legalPage.goto(`${t.url}/cases/${caseId}`);
    const card = legalPage.locator('#case-panel');
    // The case header carries the major tag next to the priority.
    expect(await legalPage.locator('[data-testid="case-major"]').textContent()).toBe('重大');
    await card.locator('[data-testid="panel-review"][data-status="open"]').waitFor();
    await legalPage.locator('[data-testid="panel-opinion"]').click();
    await legalPage.locator('#panel-comment').fill('同意，披露补充后函复。');
    await legalPage.locator('#panel-opinion-ok').click();
    await legalPage.locator('.ant-modal:visible').waitFor({ state: 'detached' });
    await card.locator('[data-testid="panel-review"][data-status="agreed"]').waitFor();
    await card.getByText('同意，披露补充后函复。').waitFor();
    await expect(legalPage.locator('[data-testid="panel-opinion"]').count()).resolves.toBe(0);
    await legalPage.screenshot({ path: path.join(SHOTS, 'panel-agreed.png') });
    // The case now may be answered.
    expect((await handler.get(`/api/cases/${caseId}`)).body.expertReviewDone).toBe(true);
  });

  it('lists the major-case rules with their panel, and switches one off and deletes it with the version shown', async () => {
    const cpPage = await browser.newPage();
    await signIn(cpPage, t.url, 'e2e.cp', cpPassword);
    await cpPage.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
    await cpPage.goto(`${t.url}/admin/major-case-rules`);
    const row = cpPage.locator(`#major-rules-table tr[data-row-key="${ruleId}"]`);
    await row.getByText('媒体威胁', { exact: true }).waitFor();
    await row.getByText('扬言曝光媒体').waitFor();
    await row.getByText('法务刘律师').waitFor();
    await row.locator('.ant-switch-checked').waitFor();

    await row.locator('.ant-switch').click();
    await row.locator('.ant-switch:not(.ant-switch-checked)').waitFor();
    expect((await cpClient.get('/api/major-case-rules')).body.items).toMatchObject([{ id: ruleId, active: false, version: 2 }]);

    await row.getByRole('button', { name: /删\s*除/ }).click();
    await cpPage.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached' });
    expect((await cpClient.get('/api/major-case-rules')).body.items).toEqual([]);
    // The case it marked stays major.
    expect((await handler.get(`/api/cases/${caseId}`)).body.major).toBe(true);
  });
});
