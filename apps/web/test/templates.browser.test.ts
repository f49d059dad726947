import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createStaff, startTestApp, type Client, type TestApp } from '../../server/test/harness';
import { buildWebIfMissing, HAS_CHROMIUM, openBrowser, pickOption, SHOTS, signIn, type TestBrowser } from './browser';

interface Template {
  id: string;
  code: string;
  kind: string;
  locale: string;
  categoryId: string | null;
  title: string;
  variables: string[];
  active: boolean;
  version: number;
}

const rows = (page: Page) => page.locator('#templates-table tbody tr.ant-table-row');
const row = (page: Page, title: string) => rows(page).filter({ has: page.getByText(title, { exact: true }) });
const fieldError = (page: Page, input: string) => page.locator(`.ant-form-item:has(${input}) .ant-form-item-explain-error`);

/** Confirms the open pop-up and waits for it to go, so the next one opened is the only one. */
async function confirm(page: Page) {
  const ok = page.locator('.ant-popconfirm:visible .ant-btn-primary');
  await ok.click();
  await ok.waitFor({ state: 'hidden' });
}

/** Puts the cursor at `at` in the text, as a click there would. */
async function placeCaret(body: Locator, at: number) {
  await body.focus();
  await body.evaluate((el, n) => (el as HTMLTextAreaElement).setSelectionRange(n, n), at);
}

describe.skipIf(!HAS_CHROMIUM)('reply templates in the staff console, in Chromium', () => {
  let t: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let admin: Client;
  let handler: { client: Client; password: string };
  let collateralId = '';

  const templates = async (): Promise<Template[]> => (await admin.get('/api/templates')).body.items;

  beforeAll(async () => {
    buildWebIfMissing();
    t = await startTestApp('pglite');
    admin = await t.admin();
    handler = await createStaff(t, admin, { username: 'e2e.handler', displayName: '张海', roles: ['handler'], orgCode: 'BJ-HD' });
    collateralId = ((await admin.get('/api/categories')).body.items as { id: string; code: string }[]).find((c) => c.code === 'collateral_valuation')!.id;
    browser = await openBrowser();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('lists the shipped templates from the admin menu, filtered by kind and language', async () => {
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    await page.locator('#main-menu').getByText('回复模板', { exact: true }).click();
    await row(page, '投诉处理决定书').waitFor();
    await expect.poll(() => rows(page).count()).toBe(12);
    const decision = row(page, '投诉处理决定书');
    for (const cell of ['处理决定书', '中文', '全部类别', '使用中']) await decision.getByText(cell, { exact: true }).waitFor();
    expect(await decision.locator('[data-testid="template-version"]').innerText()).toBe('1');

    await page.locator('#templates-filter-kind').click();
    await pickOption(page, '处理决定书');
    await expect.poll(() => rows(page).count()).toBe(2);
    await page.locator('#templates-filter-locale').click();
    await pickOption(page, '英文');
    await expect.poll(() => rows(page).count()).toBe(1);
    await row(page, 'Decision on your complaint').waitFor();
    await page.reload();
    await expect.poll(() => rows(page).count()).toBe(12);
  });

  it('creates a reply template for one content category, inserting variables at the cursor, with a filled preview', async () => {
    await page.locator('#templates-create').click();
    // Sent empty, each required field says which it is.
    await page.locator('#template-submit').click();
    await expect.poll(() => fieldError(page, '#template-code').innerText()).toBe('请填写代码');
    await expect.poll(() => fieldError(page, '#template-title').innerText()).toBe('请填写标题');
    await expect.poll(() => fieldError(page, '#template-body').innerText()).toBe('请填写正文');
    await page.locator('#template-code').fill('collateral_reply');
    await page.locator('#template-category').click();
    await pickOption(page, '押品评估');
    await page.locator('#template-title').fill('押品评估答复');
    const body = page.locator('#template-body');
    await body.fill('尊敬的关于工单的押品评估问题，我行已安排重新评估。');
    await placeCaret(body, 3);
    await page.locator('[data-variable="customerName"]').click();
    await expect.poll(() => body.inputValue()).toBe('尊敬的{{customerName}}关于工单的押品评估问题，我行已安排重新评估。');
    // The cursor stays just after the variable: typing goes on from there.
    await page.keyboard.type('：');
    await placeCaret(body, '尊敬的{{customerName}}：关于工单'.length);
    await page.locator('[data-variable="caseNumber"]').click();
    await expect.poll(() => body.inputValue()).toBe('尊敬的{{customerName}}：关于工单{{caseNumber}}的押品评估问题，我行已安排重新评估。');

    const preview = page.locator('[data-testid="template-preview"]');
    await expect.poll(() => preview.innerText()).toMatch(/^尊敬的北京示例建设有限公司：关于工单FB-\d{8}-000123的押品评估问题/);
    await page.screenshot({ path: path.join(SHOTS, 'templates-create.png') });

    await page.locator('#template-submit').click();
    await page.locator('#template-submit').waitFor({ state: 'detached' });
    const created = row(page, '押品评估答复');
    await created.getByText('产品功能 / 押品评估', { exact: true }).waitFor();
    expect((await templates()).find((x) => x.code === 'collateral_reply')).toMatchObject({ kind: 'reply', locale: 'zh-CN', categoryId: collateralId, variables: ['customerName', 'caseNumber'], active: true, version: 1 });
  });

  it('refuses a decision letter that does not offer a review and mediation, with the server’s reason on the text', async () => {
    await page.locator('#templates-create').click();
    await page.locator('#template-code').fill('bare_decision');
    await page.locator('#template-kind').click();
    await pickOption(page, '处理决定书');
    await page.locator('#template-title').fill('简易决定书');
    await page.locator('#template-body').fill('经核实，您的投诉不成立。如有异议，您可以依法申请仲裁或者提起诉讼。{{institutionName}}');
    await page.locator('#template-submit').click();
    const error = fieldError(page, '#template-body');
    await error.waitFor();
    expect(await error.innerText()).toBe('处理决定书须告知客户的内容不全，缺少：自收到决定之日起30日内向上级机构申请核查、申请调解');
    await page.screenshot({ path: path.join(SHOTS, 'templates-decision-refused.png') });
    await page.locator('#template-cancel').click();
    await page.locator('#template-submit').waitFor({ state: 'detached' });
    expect((await templates()).some((x) => x.code === 'bare_decision')).toBe(false);
  });

  it('saves an edit with the version it read: the version goes up, and a stale edit is reloaded', async () => {
    await row(page, '押品评估答复').locator('[data-testid="template-edit"]').click();
    await expect(page.locator('#template-code').isDisabled()).resolves.toBe(true);
    await page.locator('#template-title').fill('押品评估问题答复');
    await page.locator('#template-submit').click();
    await page.locator('#template-submit').waitFor({ state: 'detached' });
    const edited = row(page, '押品评估问题答复');
    await expect.poll(() => edited.locator('[data-testid="template-version"]').innerText()).toBe('2');

    // Someone else saves it while it is open here: this save is refused, and the list shows theirs.
    await edited.locator('[data-testid="template-edit"]').click();
    const theirs = (await templates()).find((x) => x.code === 'collateral_reply')!;
    expect((await admin.patch(`/api/templates/${theirs.id}`, { version: theirs.version, title: '押品评估答复（修订）' })).status).toBe(200);
    await page.locator('#template-title').fill('不会保存的标题');
    await page.locator('#template-submit').click();
    await page.getByText('该模板已被他人修改，已重新加载，请重新编辑').waitFor();
    await page.locator('#template-submit').waitFor({ state: 'detached' });
    await expect.poll(() => row(page, '押品评估答复（修订）').locator('[data-testid="template-version"]').innerText()).toBe('3');
  });

  it('retires a template and reactivates another, each once confirmed', async () => {
    const more = row(page, '请补充材料');
    await more.locator('[data-testid="template-retire"]').click();
    await confirm(page);
    await more.locator('[data-testid="template-status"][data-active="false"]').waitFor();
    await more.getByText('已停用', { exact: true }).waitFor();

    const extension = row(page, '处理期限延长告知');
    await extension.locator('[data-testid="template-retire"]').click();
    await confirm(page);
    // Once the retirement is saved and the list fetched again (a button busy saving takes no click).
    await extension.locator('[data-testid="template-reactivate"]:not(.ant-btn-loading)').click();
    await confirm(page);
    await extension.locator('[data-testid="template-status"][data-active="true"]').waitFor();
    await expect.poll(() => page.locator('.ant-message-notice').count(), { timeout: 10_000 }).toBe(0);
    await page.screenshot({ path: path.join(SHOTS, 'templates-list.png'), fullPage: true });

    const all = await templates();
    expect(all.find((x) => x.code === 'reply_more_information' && x.locale === 'zh-CN')).toMatchObject({ active: false, version: 2 });
    expect(all.find((x) => x.code === 'extension_default' && x.locale === 'zh-CN')).toMatchObject({ active: true, version: 3 });
  });

  it('gives a handler no template page, and offers the category template only on a case of that category, without the retired one', async () => {
    const collateralCase = (await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', categoryId: collateralId, text: '房产抵押评估价值明显偏低，影响贷款额度。' })).body;
    const otherCase = (await handler.client.post('/api/cases', { channel: 'hotline', kind: 'complaint', text: '网点排队等候时间过长。' })).body;
    const handlerPage = await browser.newPage();
    await signIn(handlerPage, t.url, 'e2e.handler', handler.password);
    await handlerPage.locator('#main-menu').getByText('工作台', { exact: true }).waitFor();
    expect(await handlerPage.locator('#main-menu').getByText('回复模板').count()).toBe(0);
    expect(await handlerPage.locator('[data-testid="overview-card-templates"]').count()).toBe(0);

    // The reply templates the composer offers on a case.
    const replyOptions = async (caseId: string, shot?: string) => {
      await handlerPage.goto(`${t.url}/cases/${caseId}`);
      await handlerPage.locator('#message-template').click();
      const options = handlerPage.locator('.ant-select-dropdown:visible .ant-select-item-option');
      // Every case is offered the general reply templates: once they are listed, the list is complete.
      await expect.poll(() => options.allInnerTexts()).toContain('处理进展告知 · 中文');
      const texts = await options.allInnerTexts();
      if (shot) await handlerPage.screenshot({ path: path.join(SHOTS, shot) });
      await handlerPage.keyboard.press('Escape');
      return texts;
    };
    const onCollateral = await replyOptions(collateralCase.caseId, 'templates-handler-composer.png');
    expect(onCollateral).toContain('押品评估答复（修订） · 中文');
    expect(onCollateral).not.toContain('请补充材料 · 中文');
    const onOther = await replyOptions(otherCase.caseId);
    expect(onOther).not.toContain('押品评估答复（修订） · 中文');
  });
});
