// Marks finished updates handled in as few statements as the load allows (a group commit): the
// first mark goes at once, alone; those that finish while its UPDATE is on the way wait for it and
// then go together in the next. Under load one statement carries many updates, and a finished
// update stays unmarked (so is handled again after a crash) for about one round trip, as before.
import type { Db } from "../db.ts";
import { markHandled } from "./update-inbox.ts";

interface Waiting {
  updateId: number;
  settle: (error?: unknown) => void;
}

export class HandledMarks {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly db: Db) {}

  /** Settles once the update is marked handled; rejects with the UPDATE's error. */
  mark(updateId: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ updateId, settle: (error) => (error ? reject(error) : resolve()) });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting;
      this.waiting = [];
      const error = await markHandled(
        this.db,
        batch.map((one) => one.updateId),
      ).then(
        () => undefined,
        (failure: unknown) => failure ?? new Error("marking updates handled failed"),
      );
      for (const one of batch) one.settle(error);
    }
    this.flushing = false;
  }
}
