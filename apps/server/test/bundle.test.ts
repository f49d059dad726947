import { statSync, utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module beside the CLI, without type declarations
import { ensureBundle } from '../bin/bundle.mjs';

describe('the loopdesk bundle', () => {
  it('is rebuilt when older than a source, and reused otherwise', async () => {
    const file = (await ensureBundle()) as string;
    const built = statSync(file).mtimeMs;
    expect(await ensureBundle()).toBe(file);
    expect(statSync(file).mtimeMs).toBe(built);

    utimesSync(file, new Date(0), new Date(0)); // older than every source
    await ensureBundle();
    expect(statSync(file).mtimeMs).toBeGreaterThan(built - 1);
  }, 60_000);

  it('keeps import.meta.url meaning each source file, so folders beside the sources are found', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync((await ensureBundle()) as string, 'utf8');
    expect(text).not.toContain('import.meta.url');
    expect(text).toMatch(/packages\/db\/src\/client\.ts/);
  }, 60_000);
});
