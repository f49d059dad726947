import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../../server/test/harness';
import { HAS_CHROMIUM, SHOTS, signIn, useConsolePage } from './browser';

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A made-up schedule for `year` (test data): a Spring Festival week in February and the Saturday after it worked. */
function scheduleFor(year: number) {
  // The first Monday of February, then that week off and the following Saturday worked.
  let monday = Date.UTC(year, 1, 1);
  while (new Date(monday).getUTCDay() !== 1) monday += 86_400_000;
  const holidays = Array.from({ length: 7 }, (_, i) => iso(monday + i * 86_400_000));
  const swapped = iso(monday + 12 * 86_400_000);
  return { holidays, swapped, json: JSON.stringify({ year, days: [...holidays.map((date) => ({ name: '春节', date, isOffDay: true })), { name: '春节', date: swapped, isOffDay: false }] }) };
}

describe.skipIf(!HAS_CHROMIUM)('an administrator keeps the business calendar in the console', () => {
  const suite = useConsolePage({ width: 1366, height: 820 });

  it('is warned about a year without schedule data, imports one and sees the 调休 working day marked', async () => {
    const { t, page } = suite;
    await signIn(page, t.url, 'admin', ADMIN_PASSWORD);

    // The overview warns that a year (the coming one: chinese-days has no later data) lacks a schedule.
    await page.locator('#overview-calendar-warning').waitFor();
    expect(await page.locator('#main-menu').getByText('工作日历').count()).toBe(1);
    await page.locator('[data-testid="overview-calendar-open"]').click();
    await page.waitForURL(/\/admin\/calendar\?year=\d{4}$/);
    const year = Number(new URL(page.url()).searchParams.get('year'));
    await page.locator('#calendar-no-data').waitFor();
    expect(await page.locator('#calendar-no-data').innerText()).toContain(`${year} 年尚无节假日安排数据`);
    expect(await page.locator('#calendar-year [data-testid^="calendar-day-"]').count()).toBeGreaterThanOrEqual(365);
    const { holidays, swapped, json } = scheduleFor(year);
    const swappedDay = page.locator(`[data-testid="calendar-day-${swapped}"]`);
    expect(await swappedDay.getAttribute('data-look')).toBe('weekend');

    // A broken file is refused with what is wrong; nothing changes.
    await page.locator('#calendar-import').click();
    await page.locator('#calendar-import-content').fill(JSON.stringify({ year, days: [{ name: '春节', date: `${year}-02-30`, isOffDay: true }] }));
    await page.locator('#calendar-import-submit').click();
    await page.locator('[data-testid="calendar-import-errors"]').waitFor();
    expect(await page.locator('[data-testid="calendar-import-errors"]').innerText()).toContain('days.0.date');

    await page.locator('#calendar-import-content').fill(json);
    await page.locator('#calendar-import-submit').click();
    await page.locator('#calendar-no-data').waitFor({ state: 'detached' });
    await page.locator(`[data-testid="calendar-day-${swapped}"][data-look="swapped_working"]`).waitFor();
    expect(await swappedDay.innerText()).toContain('班');
    const holiday = page.locator(`[data-testid="calendar-day-${holidays[2]}"]`);
    expect(await holiday.getAttribute('data-look')).toBe('holiday');
    expect(await holiday.innerText()).toContain('春节');
    await page.screenshot({ path: path.join(SHOTS, 'calendar-year-imported.png'), fullPage: true });

    // Clicking a plain working day lets the admin make it a named rest day.
    const monday = iso(Date.parse(`${holidays[0]}T00:00:00Z`) + 28 * 86_400_000);
    await page.locator(`[data-testid="calendar-day-${monday}"]`).click();
    await page.locator('#calendar-day_name').fill('行庆日');
    await page.locator('#calendar-day-save').click();
    await page.locator(`[data-testid="calendar-day-${monday}"][data-look="holiday"]`).waitFor();
    expect(await page.locator(`[data-testid="calendar-day-${monday}"]`).innerText()).toContain('行庆日');

    // Working hours: a sub-branch gets its own, and the outlet below it inherits them.
    const pickUnit = async (name: string, title: string) => {
      await page.locator('#working-hours-unit').click();
      await page.locator('#working-hours-unit').fill(name);
      await page.getByTitle(title).click();
    };
    await pickUnit('海淀支行', '海淀支行 · 支行');
    await page.locator('[data-testid="working-hours-source"]', { hasText: '沿用全行默认工作时间' }).waitFor();
    await page.locator('#working-hours_hours_0_start').fill('08:30');
    await page.locator('#working-hours_hours_1_start').fill('11:00');
    await page.locator('[data-testid="working-hours-save"]').click();
    // 11:00 starts before the morning window ends: the server names the window at fault.
    await page.locator('#working-hours .ant-form-item-explain-error', { hasText: '时段须在前一时段结束后开始' }).waitFor();
    await page.locator('#working-hours_hours_1_start').fill('13:30');
    await page.locator('[data-testid="working-hours-save"]').click();
    await page.locator('[data-testid="working-hours-source"]', { hasText: '本机构自行设置的工作时间' }).waitFor();
    await pickUnit('中关村', '中关村网点 · 网点');
    await page.locator('[data-testid="working-hours-source"]', { hasText: '沿用上级机构“海淀支行”的工作时间' }).waitFor();
    expect(await page.locator('#working-hours_hours_0_start').inputValue()).toBe('08:30');
  });
});
