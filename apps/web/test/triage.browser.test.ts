import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { triaged } from '../../server/src/features/triage/triage.fixtures';
import { buildWebIfMissing, HAS_CHROMIUM, openBrowser, pickOption, SHOTS, signIn, type TestBrowser } from './browser';

/** Registers a case through the API and waits until triage has read it. */
async function registerTriaged(client: Client, text: string): Promise<{ id: string; number: string }> {
  const ack = (await client.post('/api/cases', { channel: 'hotline', text })).body;
  await triaged(client, ack.caseId);
  return { id: ack.caseId, number: ack.number };
}

describe.skipIf(!HAS_CHROMIUM)('the human triage queue in the staff console, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let api: Client;
  let handler: { username: string; password: string };

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite', { worker: true });
    const admin = await t.admin();
    const h = await createStaff(t, admin, { username: 'triage.e2e', displayName: '分拣员', roles: ['handler'], orgCode: 'BJ' });
    handler = { username: 'triage.e2e', password: h.password };
    api = h.client;
    browser = await openBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows what triage was unsure of, with its words, and takes a correction or an acceptance in one click', async () => {
    // 银团 alone votes for the syndicated-loan line at 50%: below the threshold, so the cases wait.
    const corrected = await registerTriaged(api, '请问银团贷款的提款需要多久？想了解一下流程。');
    const accepted = await registerTriaged(api, '请问银团贷款的牵头行是谁？想了解一下怎么联系。');

    await signIn(page, t.url, handler.username, handler.password);
    await page.locator('#main-menu').getByText('工单', { exact: true }).waitFor();
    await page.locator('#main-menu').getByText('待分拣', { exact: true }).click();

    const row = page.locator(`#triage-table tr[data-number="${corrected.number}"]`);
    await row.waitFor();
    await expect(row.locator('[data-testid="prediction-businessLine"]').getAttribute('data-label')).resolves.toBe('syndicated_loan');
    await expect(row.locator('[data-testid="prediction-businessLine"]').innerText()).resolves.toContain('银团');
    await expect(row.locator('[data-testid="prediction-kind"]').innerText()).resolves.toContain('咨询');
    await page.screenshot({ path: path.join(SHOTS, 'triage-queue-waiting.png'), fullPage: true });

    // Correct: the dialog comes prefilled with the predictions; change the business line.
    await page.locator(`[data-testid="triage-correct-${corrected.number}"]`).click();
    await page.locator('#classify-business-line').waitFor();
    await page.locator('#classify-business-line').click();
    await page.locator('#classify-business-line').fill('供应链');
    await pickOption(page, '供应链金融');
    await page.locator('#classify-submit').click();
    await row.waitFor({ state: 'detached' });

    // Accept: the predictions as they are.
    await page.locator(`[data-testid="triage-accept-${accepted.number}"]`).click();
    await page.locator(`#triage-table tr[data-number="${accepted.number}"]`).waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'triage-queue.png'), fullPage: true });

    const fixed = (await api.get(`/api/cases/${corrected.id}`)).body;
    expect(fixed).toMatchObject({ businessLine: 'supply_chain_finance', kind: 'inquiry', triageReview: false, status: 'new' });
    expect(fixed.classification.businessLine).toMatchObject({ label: 'supply_chain_finance', source: 'person' });
    const event = fixed.events.find((e: { type: string }) => e.type === 'classified');
    // Recorded with what triage had suggested (the fields prefilled from suggestions are recorded too).
    expect(event.data.corrections).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'businessLine', before: null, after: 'supply_chain_finance', predicted: expect.objectContaining({ label: 'syndicated_loan', source: 'rule' }) })]),
    );
    expect(event.actorId).toBe(api.me!.id);
    const kept = (await api.get(`/api/cases/${accepted.id}`)).body;
    expect(kept).toMatchObject({ businessLine: 'syndicated_loan', triageReview: false });
    expect(kept.classification.businessLine.source).toBe('person');

    // The case page shows the prediction's source and the classification a person gave.
    await page.goto(`${t.url}/cases/${corrected.id}`);
    await page.locator('#case-triage [data-testid="prediction-businessLine"]').getByText('供应链金融').waitFor();
    await page.locator('#case-triage').getByText('人工').first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'triage-case-page.png'), fullPage: true });
  });

  it('says under the kind why an answered inquiry cannot be made a complaint', async () => {
    const lead = await createStaff(t, await t.admin(), { username: 'triage.lead', roles: ['team_lead'], orgCode: 'BJ' });
    const { caseId } = (await api.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: '请问项目贷款提前还款需要提前多少天申请？' })).body;
    await triaged(api, caseId);
    let version = (await api.get(`/api/cases/${caseId}`)).body.version;
    const steps = [
      [api, { action: 'accept' }],
      [lead.client, { action: 'assign', assigneeId: api.me!.id }],
      [api, { action: 'start' }],
      [api, { action: 'answer', decision: { letter: '您好，项目贷款提前还款需提前30个工作日书面申请。' } }],
    ] as const;
    for (const [client, body] of steps) {
      const r = await client.post(`/api/cases/${caseId}/transitions`, { version, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    }

    await page.goto(`${t.url}/cases/${caseId}`);
    await page.locator('#case-classify').click();
    await page.locator('#classify-kind').waitFor();
    await page.locator('#classify-kind').click();
    await pickOption(page, '投诉');
    await page.locator('#classify-submit').click();
    await page.locator('.ant-form-item-explain-error').getByText('请先以“出现新的事实”重新打开').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'triage-kind-after-answer.png'), fullPage: true });
    expect((await api.get(`/api/cases/${caseId}`)).body).toMatchObject({ kind: 'inquiry', status: 'answered' });
  });
});
