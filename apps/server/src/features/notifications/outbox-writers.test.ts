import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the notification outbox has one way in', () => {
  it('only the notifications repository inserts outbox rows, and every other writer calls NotificationsService.enqueue', () => {
    const files = sources(SRC).map((f) => ({ file: path.relative(SRC, f), text: readFileSync(f, 'utf8') }));
    const inserting = files.filter((f) => /\.insert\(\s*notificationOutbox\s*\)/.test(f.text)).map((f) => f.file);
    expect(inserting).toEqual([path.join('features', 'notifications', 'notifications.repo.ts')]);
    // The repository's insert is called from the service's enqueue alone.
    const callers = files.filter((f) => /notificationsRepo\.insert\(/.test(f.text)).map((f) => f.file);
    expect(callers).toEqual([path.join('features', 'notifications', 'notifications.service.ts')]);
    // The writers of notices: the SLA escalation, the acknowledgement, the regulatory notices, the review worker.
    const enqueuing = files.filter((f) => /\.notifications\.enqueue\(/.test(f.text)).map((f) => f.file).sort();
    expect(enqueuing).toEqual(
      ['features/cases/cases.service.ts', 'features/clocks/clock-worker.ts', 'features/regulatory/regulatory.service.ts', 'features/reviews/review-worker.ts'].map((f) => path.join(...f.split('/'))),
    );
  });
});
