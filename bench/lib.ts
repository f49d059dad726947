import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../apps/server/test/postgres-cluster';

export { freePort };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CI_SIZE = process.argv.includes('--ci');

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until /api/health answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts `loopdesk serve` in its own process and waits until it answers. */
export async function startLoopDesk(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/server/bin/loopdesk.mjs'), 'serve'], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`loopdesk exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - t0;
  return {
    child,
    url,
    readyMs,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function machine(): string {
  return `${process.platform} ${process.arch}, node ${process.version}`;
}
