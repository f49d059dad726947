import { yieldToRequests } from './event-loop';

/** How background work gives way to requests on the embedded engine: a pause this long, waited for this long at most. */
const GIVE_WAY = { quietMs: 50, maxWaitMs: 500 } as const;

/**
 * What background work awaits between two units of work: a turn of the event loop, so that
 * requests that arrived are taken in, and with `activity` (the embedded engine) a pause in them.
 */
export function giveWayTo(activity?: RequestActivity): () => Promise<void> {
  return async () => {
    await yieldToRequests();
    await activity?.quiet(GIVE_WAY.quietMs, GIVE_WAY.maxWaitMs);
  };
}

/**
 * Counts the HTTP requests in flight, so that background jobs on the embedded engine can give
 * way to them. PGlite has one connection: a job's transaction holds every request's queries
 * until it commits, so a job starts only once requests have paused for a moment — or, under
 * steady traffic, after a bounded wait, so that jobs are never starved.
 */
export class RequestActivity {
  private active = 0;
  private lastEnded: number;
  private answered!: () => void;
  /** Settles when the first request has been answered. */
  readonly firstAnswered = new Promise<void>((resolve) => (this.answered = resolve));

  constructor(private readonly now: () => number = () => performance.now()) {
    this.lastEnded = now();
  }

  begin(): void {
    this.active++;
  }

  end(): void {
    this.active = Math.max(0, this.active - 1);
    this.lastEnded = this.now();
    this.answered();
  }

  /** Counts as a request: nothing starts within `quietMs` of it (the server has just started listening). */
  touch(): void {
    this.lastEnded = this.now();
  }

  /** Resolves once no request is in flight and none ended in the last `quietMs`, or after `maxWaitMs`. */
  async quiet(quietMs: number, maxWaitMs: number): Promise<void> {
    const deadline = this.now() + maxWaitMs;
    for (;;) {
      const now = this.now();
      if (now >= deadline) return;
      const idleFor = now - this.lastEnded;
      if (this.active === 0 && idleFor >= quietMs) return;
      const wait = this.active === 0 ? quietMs - idleFor : quietMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.min(wait, deadline - now))));
    }
  }
}
