/**
 * A bounded queue for image work. libvips runs off the event loop, but each decode holds the image in
 * memory, so only a few run at once and a flood is refused (`busy`) rather than queued without bound.
 */
import { ImageError } from "./image-errors.ts";

export interface WorkQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once nothing is running or waiting. */
  idle(): Promise<void>;
}

/** How long a refused client is asked to wait before trying again. */
export const busyRetryAfterSeconds = 5;

export function createWorkQueue(inFlightMax: number, waitingMax: number): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];
  let idleWaiters: (() => void)[] = [];

  // A finished task hands its slot straight to the next waiter, so a newcomer cannot slip in between.
  const finish = (): void => {
    const next = waiting.shift();
    if (next !== undefined) return next();
    running--;
    if (running === 0) {
      for (const resolve of idleWaiters) resolve();
      idleWaiters = [];
    }
  };

  return {
    async run(task) {
      if (running >= inFlightMax) {
        if (waiting.length >= waitingMax) throw new ImageError("busy", "the image service is busy; try again shortly", { retryAfterSeconds: busyRetryAfterSeconds });
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        finish();
      }
    },
    idle() {
      if (running === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
