/** A condition to wait for: its first truthy result is what the wait resolves with. */
export type Check<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

export interface UntilOptions {
  timeoutMs: number;
  /** Says what was awaited, for the timeout error. */
  describe: () => string;
}

/** How often a wait re-checks even without a change, for state outside the emulator (a database). */
const RECHECK_MS = 25;

/** Tells waiters that something observable changed: a message, a call, an answer. */
export class ChangeFeed {
  private readonly listeners = new Set<() => void>();

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves with the first truthy result of `check`, tried now, after every
   * change and every few milliseconds. A check that throws counts as not yet;
   * its last error is reported if time runs out.
   */
  until<T>(check: Check<T>, { timeoutMs, describe }: UntilOptions): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      let running = false;
      let again = false;
      let lastError: unknown;
      const finish = () => {
        done = true;
        clearTimeout(timer);
        clearInterval(interval);
        unsubscribe();
      };
      // Checks may be async: never run two at once, but run again if a change came meanwhile.
      const attempt = async () => {
        if (done) return;
        if (running) {
          again = true;
          return;
        }
        running = true;
        do {
          again = false;
          try {
            const result = await check();
            if (result && !done) {
              finish();
              resolve(result);
            }
          } catch (error) {
            lastError = error;
          }
        } while (again && !done);
        running = false;
      };
      const unsubscribe = this.subscribe(() => void attempt());
      const interval = setInterval(() => void attempt(), RECHECK_MS);
      const timer = setTimeout(() => {
        finish();
        const cause = lastError instanceof Error ? `; last check failed: ${lastError.message}` : "";
        reject(new Error(`Timed out after ${timeoutMs} ms ${describe()}${cause}`));
      }, timeoutMs);
      void attempt();
    });
  }
}
