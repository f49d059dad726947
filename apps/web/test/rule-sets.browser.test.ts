import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../server/test/harness';
import { HAS_CHROMIUM, pickOption, SHOTS, signIn, useConsolePage } from './browser';

describe.skipIf(!HAS_CHROMIUM)('an administrator chooses the regulatory rule set in the console', () => {
  const suite = useConsolePage({ width: 1366, height: 820 });

  it('lists the rule sets with their limits, marks the one in use and switches to FCA DISP after a confirm', async () => {
    const { t, page } = suite;
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    await page.locator('#main-menu').getByText('SLA 策略', { exact: true }).click();
    const card = page.locator('#regulatory-rule-sets');
    await card.locator('[data-testid="rule-set-table"] tbody tr').nth(2).waitFor();
    expect(await card.locator('[data-testid="rule-set-table"] tbody tr').count()).toBe(3);
    const china = card.locator('tr[data-row-key="cn_nfra_2020"]');
    expect(await china.innerText()).toContain('15 个自然日 → 30 个自然日 → 60 个自然日');
    expect(await china.innerText()).toContain('当前使用');
    expect(await card.locator('tr[data-row-key="uk_fca_disp"]').innerText()).toContain('8 周');

    await card.locator('[data-testid="rule-set-select"]').click();
    await pickOption(page, 'FCA Handbook DISP 1');
    await card.locator('[data-testid="rule-set-save"]').click();
    const confirm = page.locator('.ant-popconfirm:visible');
    expect(await confirm.innerText()).toContain('重新计算所有未办结案件的监管期限');
    await confirm.locator('.ant-btn-primary').click();
    await card.locator('tr[data-row-key="uk_fca_disp"]').getByText('当前使用').waitFor();
    expect(await china.innerText()).not.toContain('当前使用');
    const stored = await (await t.admin()).get('/api/regulatory-rule-set');
    expect(stored.body).toEqual({ ruleSetId: 'uk_fca_disp' });
    await card.screenshot({ path: path.join(SHOTS, 'regulatory-rule-sets.png') });
  });
});
