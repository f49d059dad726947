import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../../server/test/harness';

const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.resolve(WEB_ROOT, '../../test-results');

if (!existsSync(CHROMIUM)) {
  if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run installs it`);
  console.warn(`browser suite skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
}

describe.skipIf(!existsSync(CHROMIUM))('the staff console in Chromium', () => {
  let t: TestApp;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    // The test drives the production build; build it when a developer has not yet.
    if (!existsSync(path.join(WEB_ROOT, 'dist/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: WEB_ROOT, stdio: 'ignore' });
    t = await startTestApp('pglite');
    profile = mkdtempSync(path.join(tmpdir(), 'loopdesk-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1366, height: 820 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('refuses a wrong password with a translated message', async () => {
    await page.goto(`${t.url}/login`);
    await page.locator('#login-username').fill('admin');
    await page.locator('#login-password').fill('Not-The-Password-1');
    await page.locator('#login-submit').click();
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
  });

  it('signs in through the real form and lands in the console shell in zh-CN', async () => {
    await page.locator('#login-password').fill(ADMIN_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#main-menu').getByText('工作台').waitFor();
    await expect.poll(() => page.locator('#institution-name').textContent()).toContain('示范银行');
    await page.screenshot({ path: path.join(SHOTS, 'console-zh-CN.png') });
  });

  it('switches between zh-CN, zh-TW and en, with visible translated text in each', async () => {
    const cases = [
      ['lang-zh-TW', '工作臺', 'zh-TW'],
      ['lang-en', 'Overview', 'en'],
      ['lang-zh-CN', '工作台', 'zh-CN'],
    ] as const;
    for (const [testId, menuText, lang] of cases) {
      await page.getByTestId(testId).click();
      await page.locator('#main-menu').getByText(menuText, { exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(lang);
      await page.screenshot({ path: path.join(SHOTS, `console-${lang}.png`) });
    }
    // The choice survives a reload.
    await page.getByTestId('lang-en').click();
    await page.reload();
    await page.locator('#main-menu').getByText('Overview', { exact: true }).waitFor();
    await page.getByTestId('lang-zh-CN').click();
  });

  it('shows the org tree and the audit trail of what just happened', async () => {
    await page.goto(`${t.url}/admin/org`);
    await page.locator('#org-tree').getByText('上海分行', { exact: true }).waitFor();
    await page.goto(`${t.url}/audit`);
    await page.locator('#audit-table').getByText('auth.login', { exact: false }).first().waitFor();
    await page.locator('#audit-verify').click();
    await page.locator('#audit-verify-result').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'console-audit.png'), fullPage: true });
  });
});
