import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, closeDropdown, dialogClosed, HAS_CHROMIUM, openBrowser, pickOption, SHOTS, signIn, type TestBrowser } from './browser';

// A place name no demo case uses, so the word search finds this case alone.
const COMPLAINT = '光华桥项目融资贷款审批拖延三个月，客户经理电话13812345678一直不回复，请尽快处理。';

async function enterConsole(page: Page, url: string, username: string, password: string) {
  await signIn(page, url, username, password);
  await page.locator('#main-menu').getByText('工单', { exact: true }).waitFor();
}

/** Takes a lifecycle action through its dialog and waits for the status it leads to. */
async function act(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.locator(`#case-action-${action}`).click();
  await page.locator('#case-action-submit').waitFor();
  await fill?.();
  await page.locator('#case-action-submit').click();
  await page.locator(`[data-testid="case-status"][data-status="${status}"]`).waitFor();
}

async function openFromQueue(page: Page, menuText: string, number: string) {
  await page.locator('#main-menu').getByText(menuText, { exact: true }).click();
  await page.locator('#case-search').fill(number);
  await page.locator('#case-search').press('Enter');
  const row = page.locator(`#cases-table tr[data-number="${number}"]`);
  await row.waitFor();
  await row.click();
  await page.locator('#case-number').getByText(number).waitFor();
}

/** Clicks the queue's export button and reads the file the browser saved (UTF-8, BOM dropped). */
async function downloadExport(page: Page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="cases-export"]').click()]);
  const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  return { name: download.suggestedFilename(), text, lines: text.split(/\r?\n/) };
}

describe.skipIf(!HAS_CHROMIUM)('cases in the staff console, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let handlerPage: Page;
  let leadPage: Page;
  let handler: { username: string; password: string };
  let handlerApi: Client;
  let handlerId: string;
  let leadApi: Client;
  let lead: { username: string; password: string };
  let number = '';

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    const h = await createStaff(t, admin, { username: 'e2e.handler', displayName: '张海', roles: ['handler'], orgCode: 'BJ-HD' });
    const l = await createStaff(t, admin, { username: 'e2e.lead', displayName: '李组长', roles: ['team_lead'], orgCode: 'BJ' });
    handler = { username: 'e2e.handler', password: h.password };
    handlerApi = h.client;
    handlerId = h.id;
    leadApi = l.client;
    lead = { username: 'e2e.lead', password: l.password };
    // Two people at once: each page has its own session.
    browser = await openBrowser();
    handlerPage = await browser.newPage();
    leadPage = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lets a handler register a hotline complaint, with a new customer, and shows the acknowledgement', async () => {
    const page = handlerPage;
    await enterConsole(page, t.url, handler.username, handler.password);
    await page.locator('#main-menu').getByText('登记工单', { exact: true }).click();
    await page.locator('#intake-text').waitFor();

    // A customer created on the spot; the server's verdict on a mistyped USCC shows under the field.
    await page.locator('#customer-create-inline').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#customer-form_name').fill('北京示范建设有限公司');
    await modal.locator('#customer-form_uscc').fill('91110108MA01C9XK3D');
    await modal.locator('#customer-form_legalRepresentative').fill('王建国');
    await page.locator('#customer-form-submit').click();
    await modal.getByText('统一社会信用代码校验位不符', { exact: false }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'cases-customer-uscc-error.png') });
    await modal.locator('#customer-form_uscc').fill('91110108MA01C9XK3C');
    await page.locator('#customer-form-submit').click();
    await modal.waitFor({ state: 'detached' });
    await page.locator('.ant-form-item').filter({ has: page.locator('#intake-customer') }).getByText('北京示范建设有限公司').first().waitFor();

    await page.locator('#intake-text').fill(COMPLAINT);
    await page.locator('#intake-priority').getByText('P2 高').click();
    await page.locator('#intake-business-line').click();
    await page.locator('#intake-business-line').fill('项目融资');
    await pickOption(page, '项目融资');
    await page.locator('#intake-jr-category').click();
    await pickOption(page, '贷款');
    await page.locator('#intake-jr-cause').click();
    await pickOption(page, '管理制度、业务规则与流程');
    await page.locator('#intake-request').fill('尽快完成审批并说明延误原因');
    await page.locator('#intake-amount').fill('50000000');
    await page.screenshot({ path: path.join(SHOTS, 'cases-intake-form.png'), fullPage: true });

    await page.locator('#intake-submit').click();
    await page.locator('#intake-ack-number').waitFor();
    number = (await page.locator('#intake-ack-number').textContent()) ?? '';
    expect(number).toMatch(/^FB-20261120-\d{6}$/);
    // Received 2026-11-20 10:00 in Beijing; day 15 is a Saturday, so the end of Monday 7 December.
    expect(await page.locator('#intake-ack-due').textContent()).toBe('2026年12月7日 24:00');
    await page.screenshot({ path: path.join(SHOTS, 'cases-intake-ack.png'), fullPage: true });
  });

  it('lets the team lead accept the case and assign it to the handler', async () => {
    const page = leadPage;
    await enterConsole(page, t.url, lead.username, lead.password);
    await openFromQueue(page, '待受理', number);
    await act(page, 'accept', 'accepted');
    await act(page, 'assign', 'assigned', async () => {
      await page.locator('#action-assignee').click();
      await page.locator('#action-assignee').fill('e2e.handler');
      await pickOption(page, '张海');
    });
    await page.locator('#case-timeline').getByText('处理人：张海').waitFor();
  });

  it('lets the handler start, finish a sub-task, note and answer with the decision letter', async () => {
    const page = handlerPage;
    await openFromQueue(page, '我的工单', number);
    await act(page, 'start', 'in_progress');

    await page.locator('#task-create').click();
    await page.locator('#task-title').fill('核查授信审批流程');
    await page.locator('#task-department').click();
    await page.locator('#task-department').fill('风险管理');
    await pickOption(page, '风险管理部'); // head office's risk department, outside the handler's branch
    await page.locator('#task-create-submit').click();
    await page.locator('[data-testid="case-task"][data-status="open"]').waitFor();
    await page.locator('[data-testid="task-complete"]').click();
    await page.locator('#task-result').fill('审批流程无违规，延误系资料补充所致');
    await page.locator('#task-complete-submit').click();
    await page.locator('[data-testid="case-task"][data-status="done"]').waitFor();

    await page.locator('#message-direction').getByText('内部备注').click();
    await page.locator('#message-body').fill('已电话联系客户，告知正在核查。');
    await page.locator('#message-send').click();
    await page.locator('[data-testid="case-message"][data-direction="internal"]').waitFor();

    // A reply drafted from the institution's template: filled from the case, its blank written before it goes.
    await page.locator('#message-direction').getByText('回复客户').click();
    await page.locator('#message-template').click();
    await pickOption(page, '请补充材料 · 中文');
    await expect.poll(() => page.locator('#message-body').inputValue()).toContain(`尊敬的北京示范建设有限公司：为核实您反映的问题（工单编号${number}）`);
    await page.locator('#message-send').click();
    await page.getByText('请先补写标有【】的内容：【请写明所需材料】').waitFor();
    const draft = await page.locator('#message-body').inputValue();
    await page.locator('#message-body').fill(draft.replace('【请写明所需材料】', '项目可行性研究报告'));
    await page.locator('#message-send').click();
    await page.locator('[data-testid="case-message"][data-direction="outbound"]').getByText('项目可行性研究报告', { exact: false }).waitFor();

    // The customer's letter as a PDF: stored, listed with its type and downloadable; a web page
    // dressed up as a PDF is refused with the reason.
    const letter = Buffer.from('%PDF-1.7\n% 客户来信扫描件\n%%EOF\n');
    await page.locator('[data-testid="attachment-input"]').setInputFiles({ name: '客户来信.pdf', mimeType: 'application/pdf', buffer: letter });
    await page.locator('[data-testid="case-attachment"][data-kind="pdf"]').waitFor();
    await page.locator('[data-testid="attachment-input"]').setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!DOCTYPE html><script>alert(1)</script>') });
    await page.getByText('发票.pdf: 网页、SVG、XML、脚本和可执行程序一律不予接收').waitFor();
    expect(await page.locator('[data-testid="case-attachment"]').count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="attachment-download"]').click()]);
    expect(download.suggestedFilename()).toBe('客户来信.pdf');
    expect(readFileSync((await download.path())!).equals(letter)).toBe(true);

    await act(page, 'answer', 'answered', async () => {
      // The institution's decision-letter template, filled from the case; the outcome fills its verdict line.
      await page.locator('#action-outcome').getByText('部分成立').click();
      await expect.poll(() => page.locator('#action-letter').inputValue()).toContain('二、处理决定及依据：投诉部分成立。');
      const letter = await page.locator('#action-letter').inputValue();
      expect(letter).toContain('尊敬的北京示范建设有限公司：');
      expect(letter).toContain(number);
      for (const words of ['30日内', '核查', '调解', '仲裁', '诉讼']) expect(letter).toContain(words);
      // Not sent with the template's blanks in it.
      await page.locator('#case-action-submit').click();
      await page.getByText('请先补写标有【】的内容', { exact: false }).waitFor();
      await page.locator('#action-letter').fill(letter.replace('【请填写核实过程与查明的事实】', '经调阅审批记录，延误系补充资料所致').replace('【请写明作出决定的依据和理由】', '依据借款合同第五条及我行授信审批规定'));
      // Written in, the letter still follows the verdict chosen: never a letter that says one outcome and records another.
      await page.locator('#action-outcome').getByText('不成立').click();
      await expect.poll(() => page.locator('#action-letter').inputValue()).toContain('二、处理决定及依据：投诉不成立。');
      expect(await page.locator('#action-letter').inputValue()).toContain('延误系补充资料所致');
      await page.locator('#action-outcome').getByText('部分成立').click();
      await expect.poll(() => page.locator('#action-letter').inputValue()).toContain('二、处理决定及依据：投诉部分成立。');
      await page.getByRole('button', { name: '添加补救措施' }).click();
      await page.screenshot({ path: path.join(SHOTS, 'cases-answer-dialog.png') });
    });
    await page.locator('#case-decision-letter').getByText('延误系补充资料所致', { exact: false }).waitFor();
  });

  it('shows the whole story on the timeline', async () => {
    const page = handlerPage;
    const types = await page.locator('[data-testid="timeline-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types).toEqual(['registered', 'accept', 'assign', 'start', 'task.created', 'task.done', 'message.internal', 'message.outbound', 'attachment.added', 'answer']);
    const timeline = page.locator('#case-timeline');
    for (const text of ['登记', '受理', '分派', '开始处理', '新建子任务', '子任务完成', '上传附件', '答复']) {
      await timeline.getByText(text, { exact: true }).first().waitFor();
    }
    // Names come from the staff directory: the handler's own and the team lead's who assigned it.
    await timeline.getByText('张海', { exact: false }).first().waitFor();
    await timeline.getByText('李组长', { exact: false }).first().waitFor();
    // The customer's record opens from the case, in full for a handler who may read it.
    await page.locator('#case-customer').click();
    await page.locator('#customer-drawer').getByText('王建国', { exact: true }).waitFor();
    await page.locator('#customer-drawer').getByText('91110108MA01C9XK3C').waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.locator('#customer-drawer').waitFor({ state: 'detached' });
    // The handler may read personal data: the customer's words come unmasked.
    expect(await page.locator('[data-testid="case-message"][data-direction="inbound"]').textContent()).toContain('13812345678');
    await page.screenshot({ path: path.join(SHOTS, 'cases-case-page.png'), fullPage: true });

    // The team lead sees everyone by name too.
    await leadPage.reload();
    await leadPage.locator('[data-testid="case-status"][data-status="answered"]').waitFor();
    await leadPage.locator('#case-timeline').getByText('李组长', { exact: false }).first().waitFor();
    await leadPage.screenshot({ path: path.join(SHOTS, 'cases-case-page-lead.png'), fullPage: true });
  });

  it('shows every clock of the case: the answer met the SLA targets and the regulatory deadline', async () => {
    const page = handlerPage;
    const clocks = page.locator('#case-clocks [data-testid="case-clock"]');
    await expect
      .poll(() => clocks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-clock')}:${e.getAttribute('data-status')}`)))
      .toEqual(['first_response:met', 'resolution:met', 'regulatory:met']);
    for (const text of ['首次响应', '解决时限', '监管处理时限']) await page.locator('#case-clocks').getByText(text, { exact: true }).waitFor();
    // The regulatory panel agrees: the deadline was met, not still running.
    await page.locator('#regulatory-clock [data-testid="regulatory-state"][data-state="met"]').getByText('已达成').waitFor();
    await page.locator('[data-testid="sla-badge"][data-tone="met"]').first().waitFor();
  });

  it('finds the case by its number and by a word of its text in the queue search', async () => {
    const page = handlerPage;
    await page.locator('#main-menu').getByText('全部', { exact: true }).click();
    await page.locator('#cases-table').waitFor();
    const rows = page.locator('#cases-table tbody tr[data-number]');
    for (const query of [number, '光华桥']) {
      await page.locator('#case-search').fill(query);
      await page.locator('#case-search').press('Enter');
      await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-number')))).toEqual([number]);
    }
    // Every row carries its SLA badge.
    await page.locator('#cases-table tbody tr[data-number] [data-testid="sla-badge"]').first().waitFor();
    // The title is masked: the phone number in the customer's words is not in the queue.
    expect(await page.locator('#cases-table').textContent()).not.toContain('13812345678');
    // And readable: its line is as wide as the number's column, with no sideways scrolling at this width.
    const title = await page.locator('#cases-table tr[data-number] [data-testid="case-title"]').first().locator('..').boundingBox();
    expect(title!.width).toBeGreaterThan(200);
    expect(await page.locator('#cases-table .ant-table-content').evaluate((e) => e.scrollWidth - e.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, 'cases-queue.png'), fullPage: true });

    // The export button downloads the queue as filtered: the header, then this case alone, the
    // customer's words as written for a handler who may read personal data.
    const exported = await downloadExport(page);
    expect(exported.name).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(exported.lines[0]).toMatch(/^number,/);
    expect(exported.lines.filter((l) => l.startsWith('FB-'))).toHaveLength(1);
    expect(exported.text).toContain(number);
    expect(exported.text).toContain('13812345678');

    // An auditor may not read personal data: the same export has the phone number masked.
    const auditor = await createStaff(t, await t.admin(), { username: 'e2e.auditor', displayName: '审计员', roles: ['auditor'], orgCode: 'BJ' });
    const auditorPage = await browser.newPage();
    await enterConsole(auditorPage, t.url, 'e2e.auditor', auditor.password);
    await auditorPage.locator('#main-menu').getByText('全部', { exact: true }).click();
    await auditorPage.locator('#case-search').fill(number);
    await auditorPage.locator('#case-search').press('Enter');
    await auditorPage.locator(`#cases-table tr[data-number="${number}"]`).waitFor();
    const masked = await downloadExport(auditorPage);
    expect(masked.lines[0]).toBe(exported.lines[0]);
    expect(masked.text).toContain(number);
    expect(masked.text).toContain('138****5678');
    expect(masked.text).not.toContain('13812345678');
  });

  it('pages through a search with more results than a page: it says there are more and opens the next page', async () => {
    // 51 complaints about one branch, a word no other case uses.
    for (let i = 0; i < 51; i++) {
      const r = await handlerApi.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: `翠湖支行贷款审批一直没有进展，第${i + 1}次来电催办。` });
      expect(r.status).toBe(201);
    }
    const page = handlerPage;
    await page.locator('#main-menu').getByText('全部', { exact: true }).click();
    await page.locator('#case-search').fill('翠湖');
    await page.locator('#case-search').press('Enter');
    const rows = page.locator('#cases-table tbody tr[data-number]');
    const total = page.locator('.ant-pagination-total-text');
    await expect.poll(() => rows.count()).toBe(50);
    await expect.poll(() => total.textContent()).toBe('超过 50 条，缩小筛选范围可得准确数量');
    await page.locator('.ant-pagination-next').click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => total.textContent()).toBe('共 51 条');
  });

  it('finds the customer by name and shows the full record to staff who may read personal data', async () => {
    const page = handlerPage;
    await page.locator('#main-menu').getByText('客户管理', { exact: true }).click();
    await page.locator('#customer-search').fill('示范建设');
    await page.locator('#customer-search').press('Enter');
    await page.locator('#customers-table').getByText('北京示范建设有限公司').click();
    const drawer = page.locator('.ant-drawer:visible');
    await drawer.getByText('王建国').waitFor();
    await drawer.getByText(number).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'cases-customers.png'), fullPage: true });
  });

  it('answers an inquiry with a reply: no verdict, no remedies, and no review (核查) to reopen it for', async () => {
    const inquiry = (await handlerApi.post('/api/cases', { channel: 'hotline', kind: 'inquiry', text: '请问项目贷款提前还款需要提前多少天申请，是否收取违约金？' })).body;
    let version = (await handlerApi.get(`/api/cases/${inquiry.caseId}`)).body.version;
    for (const [client, body] of [[handlerApi, { action: 'accept' }], [leadApi, { action: 'assign', assigneeId: handlerId }], [handlerApi, { action: 'start' }]] as const) {
      const r = await client.post(`/api/cases/${inquiry.caseId}/transitions`, { version, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    }
    const page = await browser.newPage();
    await enterConsole(page, t.url, handler.username, handler.password);
    await openFromQueue(page, '我的工单', inquiry.number);
    await act(page, 'answer', 'answered', async () => {
      // The answer reply template, not the complaint decision letter; no verdict and no remedies to give.
      await expect.poll(() => page.locator('#action-letter').inputValue()).toContain('现答复如下：');
      expect(await page.locator('#action-outcome').count()).toBe(0);
      expect(await page.getByRole('button', { name: '添加补救措施' }).count()).toBe(0);
      const reply = await page.locator('#action-letter').inputValue();
      expect(reply).not.toContain('核查');
      await page.locator('#action-letter').fill(reply.replace('【请填写答复内容】', '项目贷款提前还款须提前30个工作日书面申请，违约金按借款合同第十二条计收。'));
      await page.screenshot({ path: path.join(SHOTS, 'cases-answer-inquiry.png') });
    });
    const answer = page.locator('#case-decision');
    await answer.getByText('提前30个工作日书面申请', { exact: false }).waitFor();
    expect(await answer.locator('.ant-card-head-title').textContent()).toBe('答复');
    expect(await answer.getByText('处理结论').count()).toBe(0);
    // Answered without the customer's receipt: recorded afterwards, typed and left without pressing OK.
    await page.locator('#decision-receipt').click();
    await page.locator('#decision-receipt-at').fill('2026-11-20 10:00');
    await page.locator('#decision-receipt-at').press('Tab');
    await page.locator('#decision-receipt-submit').click();
    // Sent and received at the server's 10:00 (the test clock): both times shown, the button gone.
    await expect.poll(() => answer.getByText('2026-11-20 10:00:00').count()).toBe(2);
    expect(await page.locator('#decision-receipt').count()).toBe(0);
    await page.locator('[data-testid="timeline-event"][data-type="decision_received"]').waitFor();
    // Reopened only for new facts: an inquiry's answer is not reviewed.
    await act(page, 'reopen', 'reopened', async () => {
      const kinds = page.locator('#action-reopen-kind');
      expect(await kinds.getByText('客户申请核查').count()).toBe(0);
      expect(await kinds.locator('.ant-radio-wrapper-checked').textContent()).toBe('出现新的事实');
      await page.locator('#action-reason').fill('客户补充了借款合同条款');
    });
  });

  it('says why the team queue is empty (no team), and names the team once the handler is in one', async () => {
    const page = await browser.newPage();
    await enterConsole(page, t.url, handler.username, handler.password);
    await page.locator('#main-menu').getByText('团队工单', { exact: true }).click();
    await page.locator('#my-teams-none').getByText('您尚未加入任何处理团队', { exact: false }).waitFor();
    const bj = (await leadApi.get('/api/org-units')).body.items.find((u: { code: string }) => u.code === 'BJ').id;
    expect((await leadApi.post('/api/teams', { orgUnitId: bj, name: '北京分行投诉处理组', members: [{ userId: handlerId }] })).status).toBe(201);
    await page.reload();
    await page.locator('#my-teams').getByText('所在团队：北京分行投诉处理组').waitFor();
    expect(await page.locator('#my-teams-none').count()).toBe(0);
    // A case that does not exist, or is not theirs to see, says so in those words.
    await page.goto(`${t.url}/cases/00000000-0000-4000-8000-000000000000`);
    await page.getByText('找不到这个工单').waitFor();
    await page.getByText('不在您可以查看的机构范围内', { exact: false }).waitFor();
  });

  it('lets the administrator change the SLA policy: a new warning level and an escalation step on it', async () => {
    const page = await browser.newPage();
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    await page.locator('#main-menu').getByText('SLA 策略', { exact: true }).click();
    await page.locator('#sla-policy').getByText('版本 1').waitFor();
    await page.locator('[data-testid="sla-title"]').fill('示范银行服务时限');
    // Add a 60% warning and an escalation step on it that tells the team lead.
    await page.locator('[data-testid="sla-fractions"]').click();
    await page.keyboard.type('60');
    await pickOption(page, '60%');
    await closeDropdown(page);
    await page.locator('[data-testid="sla-add-step"]').click();
    const step = page.locator('#sla-escalation tbody tr').last();
    await step.locator('.ant-select').first().click();
    await pickOption(page, '60% 预警');
    await page.locator('[data-testid="sla-save"]').click();
    await page.locator('#sla-policy').getByText('版本 2').waitFor();
    const stored = await (await t.admin()).get('/api/sla-policy');
    expect(stored.body).toMatchObject({ title: '示范银行服务时限', warningFractions: [0.5, 0.6, 0.75, 0.9], version: 2 });
    expect(stored.body.escalation.at(-1)).toMatchObject({ level: 'warning_60', notify: ['team_lead'], reassignTo: null });
    await page.screenshot({ path: path.join(SHOTS, 'sla-policy.png'), fullPage: true });
  });
});

describe.skipIf(!HAS_CHROMIUM)('case forms that say what is wrong, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let handlerApi: Client;
  let handlerId: string;
  let leadApi: Client;
  const explain = (input: string) => page.locator(`.ant-form-item:has(${input}) .ant-form-item-explain-error`);
  const posts: string[] = [];

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    const admin = await t.admin();
    const h = await createStaff(t, admin, { username: 'form.handler', displayName: '周明', roles: ['handler'], orgCode: 'BJ-HD' });
    handlerApi = h.client;
    handlerId = h.id;
    leadApi = (await createStaff(t, admin, { username: 'form.lead', displayName: '吴组长', roles: ['team_lead'], orgCode: 'BJ' })).client;
    await createStaff(t, admin, { username: 'risk.one', displayName: '风控甲', roles: ['risk_officer'], orgCode: 'HO-RISK' });
    await createStaff(t, admin, { username: 'legal.one', displayName: '法务乙', roles: ['legal_officer'], orgCode: 'HO-LEGAL' });
    browser = await openBrowser();
    page = await browser.newPage();
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(new URL(r.url()).pathname);
    });
    await enterConsole(page, t.url, 'form.handler', h.password);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** A complaint in progress with the handler, through the API. */
  async function caseInProgress(body: Record<string, unknown> = {}) {
    const created = (await handlerApi.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '信用卡年费未经同意被扣收，要求退还并说明原因。', ...body })).body;
    let version = (await handlerApi.get(`/api/cases/${created.caseId}`)).body.version;
    for (const [client, step] of [[handlerApi, { action: 'accept' }], [leadApi, { action: 'assign', assigneeId: handlerId }], [handlerApi, { action: 'start' }]] as const) {
      const r = await client.post(`/api/cases/${created.caseId}/transitions`, { version, ...step });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    }
    return created as { caseId: string; number: string };
  }

  /** A blank intake form. */
  async function openIntake() {
    await page.goto(`${t.url}/cases/new`);
    await page.locator('#intake-text').waitFor();
  }

  it('names the field in every required-field message of the intake form, and refuses an amount out of range without changing it', async () => {
    await openIntake();
    await page.locator('#intake-submit').click();
    await expect.poll(() => explain('#intake-text').innerText()).toBe('请填写客户原话');

    for (const typed of ['-5', '10000000000001', '12.5']) {
      await page.locator('#intake-amount').fill(typed);
      await page.locator('#intake-amount').blur();
      await expect.poll(() => explain('#intake-amount').innerText()).toBe('涉及金额须为 0 至 10,000,000,000,000 元之间的整数');
      // Said, not silently changed: the field still shows what was typed.
      expect(await page.locator('#intake-amount').inputValue()).toBe(typed);
    }
    await page.locator('#intake-amount').fill('50000');
    await expect.poll(() => explain('#intake-amount').count()).toBe(0);
    expect(posts.filter((p) => p === '/api/cases')).toEqual([]);
  });

  it('takes the date on Enter in the receipt-time picker, without submitting the form', async () => {
    await openIntake();
    await page.locator('#intake-text').fill('网点柜员办理挂失时态度恶劣，要求道歉。');
    await page.locator('#intake-received-at').click();
    await page.locator('#intake-received-at').fill('2026-11-20 09:30');
    await page.locator('#intake-received-at').press('Enter');
    // The form was not submitted: no request, no acknowledgement, no field checked …
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(posts.filter((p) => p === '/api/cases')).toEqual([]);
    expect(await page.locator('#intake-ack-number').count()).toBe(0);
    expect(await page.locator('.ant-form-item-explain-error').count()).toBe(0);
    // … and the date was taken: typed text the picker did not take is dropped on leaving the field.
    await page.locator('.ant-picker-dropdown:visible').waitFor({ state: 'hidden' });
    await page.locator('#intake-received-at').press('Tab');
    expect(await page.locator('#intake-received-at').inputValue()).toBe('2026-11-20 09:30');
  });

  it('refuses a new customer’s phone that is neither a mobile nor a landline with its area code, naming the field', async () => {
    await openIntake();
    await page.locator('#customer-create-inline').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('个人客户', { exact: true }).click();
    await page.locator('#customer-form-submit').click();
    await expect.poll(() => explain('#customer-form_name').innerText()).toBe('请填写姓名');
    await modal.locator('#customer-form_name').fill('赵敏');
    await modal.locator('#customer-form_phone').fill('1234567');
    await page.locator('#customer-form-submit').click();
    await expect.poll(() => explain('#customer-form_phone').innerText()).toBe('联系电话须为 11 位手机号，或带区号的固定电话（如 010-12345678）');
    expect(posts.filter((p) => p === '/api/customers')).toEqual([]);
    await modal.locator('#customer-form_phone').fill('010-66558888');
    await page.locator('#customer-form-submit').click();
    await modal.waitFor({ state: 'detached' });
    expect(posts.filter((p) => p === '/api/customers')).toEqual(['/api/customers']);
  });

  it('shows the case’s content category in the reader’s language', async () => {
    const categories = (await handlerApi.get('/api/categories')).body.items as { id: string; code: string }[];
    const collateral = categories.find((c) => c.code === 'collateral_valuation')!;
    const c = await caseInProgress({ categoryId: collateral.id });
    await page.goto(`${t.url}/cases/${c.caseId}`);
    const category = page.locator('.ant-descriptions-item').filter({ hasText: '内容分类' });
    await expect.poll(() => category.locator('#case-category').innerText()).toBe('产品功能 / 押品评估');
    await page.evaluate(() => localStorage.setItem('loopdesk.lang', 'en'));
    await page.reload();
    await expect.poll(() => page.locator('.ant-descriptions-item').filter({ hasText: 'Content category' }).locator('#case-category').innerText()).toBe('Product function / Collateral valuation');
    await page.evaluate(() => localStorage.setItem('loopdesk.lang', 'zh-CN'));
    await page.reload();
    await page.locator('#case-category').getByText('产品功能 / 押品评估').waitFor();
  });

  it('lists only the chosen department’s staff as a sub-task’s owner, and forgets the owner when the department changes', async () => {
    const c = await caseInProgress();
    await page.goto(`${t.url}/cases/${c.caseId}`);
    await page.locator('#task-create').click();
    await page.locator('#task-title').waitFor();
    await page.locator('#task-create-submit').click();
    await explain('#task-title').getByText('请填写任务内容', { exact: true }).waitFor();
    await explain('#task-department').getByText('请选择协办部门', { exact: true }).waitFor();
    expect(await page.locator('#task-owner').isDisabled()).toBe(true);

    const owners = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await page.locator('#task-department').click();
    await page.locator('#task-department').fill('风险管理');
    await pickOption(page, '风险管理部');
    await page.locator('#task-owner').click();
    await expect.poll(() => owners.allInnerTexts(), { timeout: 10_000 }).toEqual(['风控甲 (risk.one)']);
    await pickOption(page, '风控甲');

    await page.locator('#task-department').click();
    await page.locator('#task-department').fill('法律合规');
    await pickOption(page, '法律合规部');
    await expect.poll(() => page.locator('.ant-form-item:has(#task-owner)').innerText(), { timeout: 10_000 }).not.toContain('风控甲');
    await page.locator('#task-owner').click();
    await expect.poll(() => owners.allInnerTexts(), { timeout: 10_000 }).toEqual(['法务乙 (legal.one)']);
    await pickOption(page, '法务乙');
    await page.locator('#task-title').fill('审查年费条款的提示说明');
    await page.locator('#task-create-submit').click();
    await dialogClosed(page, '#task-create-submit');
    await page.locator('[data-testid="case-task"][data-status="open"]').waitFor();
    const task = (await handlerApi.get(`/api/cases/${c.caseId}`)).body.tasks[0];
    expect(task.ownerId).toBe((await handlerApi.get('/api/staff?q=legal.one')).body.items[0].id);
  });

  it('names a compensation amount out of range in the answer, with the range', async () => {
    const c = await caseInProgress();
    await page.goto(`${t.url}/cases/${c.caseId}`);
    await page.locator('#case-action-answer').click();
    await page.locator('#case-action-submit').waitFor();
    await page.getByRole('button', { name: '添加补救措施' }).click();
    await page.locator('[data-testid="remedy-kind"]').click();
    await pickOption(page, '经济补偿');
    await page.locator('#case-action-submit').click();
    const errors = page.locator('.ant-modal:visible .ant-form-item-explain-error');
    await errors.getByText('请填写经济补偿金额', { exact: true }).waitFor();
    const amount = page.locator('[data-testid="remedy-amount"]');
    await amount.fill('0');
    await amount.blur();
    await errors.getByText('经济补偿金额须为 1 至 1,000,000,000,000 元之间的整数', { exact: true }).waitFor();
    expect(await amount.inputValue()).toBe('0');
    await amount.fill('2000000000000');
    await amount.blur();
    await errors.getByText('经济补偿金额须为 1 至 1,000,000,000,000 元之间的整数', { exact: true }).waitFor();
    expect(await amount.inputValue()).toBe('2000000000000');
    // An amount in range is taken (the letter's own checks may still speak).
    await amount.fill('5000');
    await amount.blur();
    await expect.poll(() => errors.filter({ hasText: '金额' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });
});
