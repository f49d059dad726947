import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../server/test/harness';
import { HAS_CHROMIUM, SHOTS, signIn, useConsolePage } from './browser';

describe.skipIf(!HAS_CHROMIUM)('an administrator manages staff in the console', () => {
  const suite = useConsolePage({ width: 1366, height: 820 });

  it('creates an account with a one-time password, which the new colleague must change at first sign-in', async () => {
    const { t, page } = suite;
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);
    await page.locator('#main-menu').getByText('用户管理').click();
    await page.locator('#users-create').click();
    await page.locator('#user-form_username').fill('li.handler');
    await page.locator('#user-form_displayName').fill('李处理');
    await page.locator('#user-form_orgUnitId').click();
    await page.locator('#user-form_orgUnitId').fill('海淀支行');
    await page.getByTitle('海淀支行 · 支行').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const otp = (await page.locator('#one-time-password').innerText()).trim();
    expect(otp).toMatch(/^\S{16}$/);
    await page.screenshot({ path: path.join(SHOTS, 'admin-one-time-password.png') });
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('#users-table').getByText('李处理').waitFor();

    // The new colleague signs in on the same browser and is held at the password change.
    await page.context().clearCookies();
    await signIn(page, t.url, 'li.handler', otp);
    await page.locator('#change-password_currentPassword').fill(otp);
    await page.locator('#change-password_newPassword').fill('Li-Handler-2026!');
    await page.locator('#change-password_confirmPassword').fill('Li-Handler-2026!');
    await page.locator('form[id="change-password"] button[type="submit"]').click();
    await page.locator('#overview-greeting').waitFor();
    expect(await page.locator('#overview-greeting').innerText()).toContain('李处理');
  });
});
