// Work a handler starts and does not wait for (an announcement that takes minutes): it gets a
// signal that says the process is stopping, and the process waits for it to wind down before it
// closes the database.
export class BackgroundTasks {
  private readonly stopping = new AbortController();
  private readonly running = new Set<Promise<void>>();

  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  run(task: (signal: AbortSignal) => Promise<void>, onError: (error: unknown) => void): void {
    const promise = task(this.signal)
      .catch(onError)
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  /** Signals the stop and waits for the tasks to end, or for `deadline`. */
  async stop(deadline?: Promise<unknown>): Promise<void> {
    this.stopping.abort();
    const ended = Promise.allSettled([...this.running]);
    await (deadline ? Promise.race([ended, deadline]) : ended);
  }
}
