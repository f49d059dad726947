/**
 * What every browser suite shares: Debian's Chromium driven headless through playwright-core,
 * against the production build the server serves from apps/web/dist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Locator, type Page, type ViewportSize } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestApp, type TestApp } from '../../server/test/harness';

const CHROMIUM = '/usr/bin/chromium';
const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Chromium in a container: no sandbox or GPU, and none of the background traffic a first run starts,
// so a test sees only the requests it makes.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Whether the suites can run here; wrap each in `describe.skipIf(!HAS_CHROMIUM)`. */
export const HAS_CHROMIUM = existsSync(CHROMIUM);

// A developer without Chromium may skip the suites; CI must not pass by skipping them.
if (!HAS_CHROMIUM) {
  if (process.env.CI === 'true') throw new Error(`CI=true but no Chromium at ${CHROMIUM}: .ci/run installs it`);
  console.warn(`browser suite skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)`);
}

/** Where suites leave screenshots for a person to look at (the repository's test-results). */
export const SHOTS = path.resolve(WEB_ROOT, '../../test-results');
if (HAS_CHROMIUM) mkdirSync(SHOTS, { recursive: true });

/** The suites drive the production build; builds it when a developer has not yet. Call before starting the app, which looks for it once. */
export function buildWebIfMissing(): void {
  if (!existsSync(path.join(WEB_ROOT, 'dist/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: WEB_ROOT, stdio: 'ignore' });
}

export interface TestBrowser {
  /** A page in a browser profile of its own, so each page is a separate person with their own session. */
  newPage(): Promise<Page>;
  /** Closes every profile's Chromium and removes the profiles. */
  close(): Promise<void>;
}

/**
 * Chromium as the stack prescribes it: launchPersistentContext with a throwaway profile folder
 * (one per person); its pages read time as the institution does (Beijing) and ask for zh-CN.
 */
export async function openBrowser(viewport: ViewportSize = { width: 1440, height: 900 }): Promise<TestBrowser> {
  const opened: { context: BrowserContext; profile: string }[] = [];
  return {
    async newPage() {
      const profile = mkdtempSync(path.join(tmpdir(), 'loopdesk-chromium-'));
      const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
      opened.push({ context, profile });
      return context.pages()[0] ?? context.newPage();
    },
    async close() {
      for (const { context, profile } of opened.splice(0)) {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };
}

export interface ConsolePage {
  t: TestApp;
  page: Page;
}

/**
 * For a suite where one person works in the console: registers the hooks that start the app and a page
 * before the suite's tests and stop both after. Read `t` and `page` inside a test, once the hooks have run.
 */
export function useConsolePage(viewport?: ViewportSize): ConsolePage {
  const suite = {} as ConsolePage; // filled by beforeAll, before any test reads it
  let browser: TestBrowser | undefined;
  beforeAll(async () => {
    buildWebIfMissing();
    suite.t = await startTestApp('pglite');
    browser = await openBrowser(viewport);
    suite.page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await suite.t?.close();
  });
  return suite;
}

/** Submits the login form; what follows (the console, a password change, an error) is the caller's to wait for. */
export async function signIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
}

/**
 * Picks an option from the open antd Select / TreeSelect dropdown, and makes sure the pick took:
 * on a busy machine a click can land while the list re-renders (data arriving, the opening motion)
 * and be lost, so it clicks again until the option shows as selected or the dropdown has closed.
 */
export async function pickOption(page: Page, text: string): Promise<void> {
  const option = page.locator('.ant-select-dropdown:visible').locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first();
  for (let attempt = 1; ; attempt++) {
    await option.waitFor();
    await option.click();
    if (await picked(option)) return;
    if (attempt === 3) throw new Error(`option "${text}" did not take after ${attempt} clicks`);
  }
}

/** Whether a clicked option has taken: it shows as selected, or its dropdown has closed (single select). */
async function picked(option: Locator): Promise<boolean> {
  const until = Date.now() + 3_000;
  while (Date.now() < until) {
    if ((await option.count()) === 0) return true;
    const selected = await option.evaluate((el) => el.matches('.ant-select-item-option-selected, .ant-select-tree-node-selected')).catch(() => true);
    if (selected) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * Types a date and time ("YYYY-MM-DD HH:mm") into an antd DatePicker with showTime and confirms it
 * with OK, then makes sure the field holds it. OK takes what the panel holds, so it is clicked only
 * once the panel shows the typed day and hour as selected: on a busy machine the typed text is
 * parsed a moment after it is typed. Every wait is bounded, so a stall names itself.
 */
export async function fillDateTime(page: Page, selector: string, text: string): Promise<void> {
  const input = page.locator(selector);
  const [day, time = ''] = text.split(' ');
  const panel = page.locator('.ant-picker-dropdown:visible');
  const selectedDay = panel.locator(`.ant-picker-cell-selected[title="${day}"]`);
  const selectedHour = panel.locator('.ant-picker-time-panel-column').first().locator('.ant-picker-time-panel-cell-selected', { hasText: new RegExp(`^${time.slice(0, 2)}$`) });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    await input.fill(text);
    const parsed = await Promise.all([selectedDay.waitFor({ timeout: 5_000 }), selectedHour.waitFor({ timeout: 5_000 })]).then(() => true, () => false);
    if (parsed) {
      await panel.locator('.ant-picker-ok button:not([disabled])').click({ timeout: 5_000 }).catch(() => undefined);
      await panel.first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      // Typed text the picker did not take (its OK missed under load) is dropped when the field
      // loses focus, so the value is read after that: what the form will submit.
      await input.blur();
      if ((await input.inputValue()) === text) return;
    }
    if (attempt === 3) throw new Error(`the date field ${selector} did not take "${text}" (it shows "${await input.inputValue()}")`);
  }
}

/**
 * Waits for the dialog holding `submit` to close once submitted; when it stays open, fails with what
 * the dialog says (a field's error, the server's refusal) and the fields' values, not a bare timeout.
 */
export async function dialogClosed(page: Page, submit: string): Promise<void> {
  await page.locator(submit).waitFor({ state: 'detached', timeout: 20_000 }).catch(async () => {
    const dialog = page.locator('.ant-modal:visible');
    const said = (await dialog.innerText().catch(() => '')).replaceAll('\n', ' | ');
    const values = await dialog.locator('input, textarea').evaluateAll((els) => els.map((e) => `${e.id}=${(e as HTMLInputElement).value}`).join(', ')).catch(() => '');
    const toasts = await page.locator('.ant-message-notice').allInnerTexts().catch(() => []);
    throw new Error(`the dialog of ${submit} stayed open: "${said}"; fields ${values}; messages ${JSON.stringify(toasts)}`);
  });
}

/** Closes the open dropdown of a multiple select (Escape only while one is open: with none, Escape would close the dialog). */
export async function closeDropdown(page: Page): Promise<void> {
  const open = page.locator('.ant-select-dropdown:visible');
  if ((await open.count()) === 0) return;
  await page.keyboard.press('Escape');
  await open.first().waitFor({ state: 'hidden' });
}
