import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from '../../server/test/harness';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test-results');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

if (!existsSync(CHROMIUM)) {
  if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run installs it`);
  console.warn(`browser suite skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
}

describe.skipIf(!existsSync(CHROMIUM))('an administrator manages staff in the console', () => {
  let t: TestApp;
  let profile: string;
  let browser: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp('pglite');
    profile = mkdtempSync(path.join(tmpdir(), 'loopdesk-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1366, height: 820 }, args: ARGS });
    page = browser.pages()[0] ?? (await browser.newPage());
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function signIn(username: string, password: string) {
    await page.goto(`${t.url}/login`);
    await page.locator('#login-username').fill(username);
    await page.locator('#login-password').fill(password);
    await page.locator('#login-submit').click();
  }

  it('creates an account with a one-time password, which the new colleague must change at first sign-in', async () => {
    await signIn('admin', ADMIN_PASSWORD);
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
    await signIn('li.handler', otp);
    await page.locator('#change-password_currentPassword').fill(otp);
    await page.locator('#change-password_newPassword').fill('Li-Handler-2026!');
    await page.locator('#change-password_confirmPassword').fill('Li-Handler-2026!');
    await page.locator('form[id="change-password"] button[type="submit"]').click();
    await page.locator('#overview-greeting').waitFor();
    expect(await page.locator('#overview-greeting').innerText()).toContain('李处理');
  });
});
