import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, dialogClosed, fillDateTime, HAS_CHROMIUM, openBrowser, SHOTS, signIn, type TestBrowser } from './browser';

// The test clock reads 10:00 on Friday 20 November 2026 in Beijing: day 15 is Saturday 5 December
// (due Monday 7 December); once extended to 30 days, day 30 is Sunday 20 December (due Monday 21).
const DUE_15 = '2026-12-07T16:00:00.000Z';
const DUE_30 = '2026-12-21T16:00:00.000Z';
// A letter postmarked Tuesday 10 November: day 15 is Wednesday 25 November; with an appraisal of
// 12 to 17 November left out, day 20 is Monday 30 November.
const LETTER_DUE_15 = '2026-11-25T16:00:00.000Z';
const LETTER_DUE_20 = '2026-11-30T16:00:00.000Z';

describe.skipIf(!HAS_CHROMIUM)('the regulatory clock panel, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let handlerPage: Page;
  let leadPage: Page;
  let handlerPassword = '';
  let leadPassword = '';
  let caseId = '';
  let handlerClient: Client;

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    const handler = await createStaff(t, admin, { username: 'e2e.handler', displayName: '张海', roles: ['handler'], orgCode: 'BJ-HD' });
    handlerPassword = handler.password;
    handlerClient = handler.client;
    leadPassword = (await createStaff(t, admin, { username: 'e2e.lead', displayName: '李组长', roles: ['team_lead'], orgCode: 'BJ' })).password;
    const created = await handler.client.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '项目融资贷款评估费收取不合理，要求重新评估并退还费用。' });
    expect(created.status).toBe(201);
    expect(created.body.regulatoryDueAt).toBe(DUE_15);
    caseId = created.body.caseId;
    browser = await openBrowser();
    handlerPage = await browser.newPage();
    leadPage = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openCase(p: Page, username: string, password: string) {
    await signIn(p, t.url, username, password);
    await p.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
    await p.goto(`${t.url}/cases/${caseId}`);
    await p.locator('#regulatory-clock [data-testid="regulatory-state"][data-state="running"]').waitFor();
  }

  it('lets a handler request an extension and their team lead approve it; both see the new deadline', async () => {
    await openCase(handlerPage, 'e2e.handler', handlerPassword);
    expect(await handlerPage.locator('[data-testid="regulatory-due"]').getAttribute('data-due')).toBe(DUE_15);
    // A handler may ask but not decide.
    await handlerPage.locator('[data-testid="extension-request"]').click();
    await handlerPage.locator('#extension-request-submit').waitFor();
    await handlerPage.locator('#extension-request-submit').click();
    // The reason is required, and the message says so by its name.
    await handlerPage.locator('#extension-request .ant-form-item-explain-error').getByText('请填写延期理由', { exact: true }).waitFor();
    await handlerPage.locator('#extension-reason').fill('需调取三年贷款流水并核对第三方评估报告');
    await handlerPage.locator('#extension-request-submit').click();
    await handlerPage.locator('#regulatory-clock [data-testid="extension"][data-status="requested"]').waitFor();
    expect(await handlerPage.locator('[data-testid="extension-approve"]').count()).toBe(0);
    expect(await handlerPage.locator('[data-testid="extension-request"]').count()).toBe(0);

    await openCase(leadPage, 'e2e.lead', leadPassword);
    await leadPage.locator('#regulatory-clock [data-testid="extension"][data-status="requested"]').waitFor();
    await leadPage.locator('[data-testid="extension-approve"]').click();
    await leadPage.locator('#regulatory-clock [data-testid="extension"][data-status="approved"]').waitFor();
    await leadPage.locator(`[data-testid="regulatory-due"][data-due="${DUE_30}"]`).waitFor();
    await leadPage.locator('#regulatory-clock').getByText('2026年12月21日', { exact: false }).first().waitFor();
    // The header and the timeline follow.
    await leadPage.locator('#case-timeline [data-testid="timeline-event"][data-type="regulatory.extension_approved"]').waitFor();
    await leadPage.locator('#regulatory-clock').screenshot({ path: path.join(SHOTS, 'regulatory-clock-extended.png') });

    await handlerPage.reload();
    await handlerPage.locator(`[data-testid="regulatory-due"][data-due="${DUE_30}"]`).waitFor();
    // The complainant's notice waits in the outbox.
    const outbox = (await t.database.db.execute(`select template_key, locale from notification_outbox where case_id = '${caseId}'`)) as unknown as { rows: { template_key: string; locale: string }[] };
    expect(outbox.rows).toEqual([{ template_key: 'regulatory.extension', locale: 'zh-CN' }]);
  });

  it('lets the handler record, after the fact, that the complainant was told of an appraisal; the deadline moves', async () => {
    const letter = await handlerClient.post('/api/cases', { channel: 'letter', kind: 'complaint', text: '抵押物评估价值明显偏低，要求重新评估。', receivedAt: '2026-11-10T10:00:00+08:00', backDateReason: '来信邮戳日期' });
    expect(letter.status, JSON.stringify(letter.body)).toBe(201);
    const id = letter.body.caseId as string;
    // An appraisal from 12 to 17 November recorded without its notice: it does not count.
    let version = (await handlerClient.get(`/api/cases/${id}/regulatory-clock`)).body.version;
    const started = await handlerClient.post(`/api/cases/${id}/exclusions`, { version, kind: 'appraisal', startAt: '2026-11-12T10:00:00+08:00', notify: false });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    version = started.body.version;
    const ended = await handlerClient.post(`/api/cases/${id}/exclusions/${started.body.exclusions[0].id}/end`, { version, endAt: '2026-11-17T10:00:00+08:00' });
    expect(ended.body).toMatchObject({ dueAt: LETTER_DUE_15, exclusions: [{ counts: false }] });

    await handlerPage.goto(`${t.url}/cases/${id}`);
    await handlerPage.locator(`[data-testid="regulatory-due"][data-due="${LETTER_DUE_15}"]`).waitFor();
    await handlerPage.locator('#regulatory-clock').getByText('未告知投诉人，不计入').waitFor();
    await handlerPage.locator('[data-testid="exclusion-notice"]').click();
    await fillDateTime(handlerPage, '#exclusion-notice-sent-at', '2026-11-12 11:00');
    await handlerPage.locator('#exclusion-notice-note').fill('已电话告知客户');
    await handlerPage.locator('#exclusion-notice-submit').click();
    // The dialog closes once the server has recorded it (a refusal would keep it open, with the reason).
    await dialogClosed(handlerPage, '#exclusion-notice-submit');
    await handlerPage.locator(`[data-testid="regulatory-due"][data-due="${LETTER_DUE_20}"]`).waitFor();
    await handlerPage.locator('#regulatory-clock').getByText('已告知 2026-11-12 11:00', { exact: false }).waitFor();
    expect(await handlerPage.locator('[data-testid="exclusion-notice"]').count()).toBe(0);
    await handlerPage.locator('#case-timeline [data-testid="timeline-event"][data-type="regulatory.exclusion_noticed"]').waitFor();
    await handlerPage.locator('#regulatory-clock').screenshot({ path: path.join(SHOTS, 'regulatory-clock-notice-recorded.png') });
  });
});
