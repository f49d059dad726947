import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../server/test/harness';
import { HAS_CHROMIUM, SHOTS, signIn, useConsolePage } from './browser';

describe.skipIf(!HAS_CHROMIUM)('the staff console in Chromium', () => {
  const suite = useConsolePage({ width: 1366, height: 820 });

  it('refuses a wrong password with a translated message', async () => {
    const { t, page } = suite;
    await signIn(page, t.url, 'admin', 'Not-The-Password-1');
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);
  });

  it('signs in through the real form and lands in the console shell in zh-CN', async () => {
    const { page } = suite;
    await page.locator('#login-password').fill(ADMIN_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('#main-menu').getByText('工作台').waitFor();
    await expect.poll(() => page.locator('#institution-name').textContent()).toContain('示范银行');
    await page.screenshot({ path: path.join(SHOTS, 'console-zh-CN.png') });
  });

  it('switches between zh-CN, zh-TW and en, with visible translated text in each', async () => {
    const { page } = suite;
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
    const { t, page } = suite;
    await page.goto(`${t.url}/admin/org`);
    await page.locator('#org-tree').getByText('上海分行', { exact: true }).waitFor();
    await page.goto(`${t.url}/audit`);
    // Actions in words, the code kept beside them.
    await page.locator('#audit-table [data-testid="audit-action"][data-code="auth.login"]', { hasText: '登录' }).first().waitFor();
    await page.locator('#audit-verify').click();
    await page.locator('#audit-verify-result').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'console-audit.png'), fullPage: true });
  });
});
