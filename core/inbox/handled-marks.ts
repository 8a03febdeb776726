// Marks finished updates handled as a group commit (grouped-calls.ts): at one update in flight
// each goes at once, alone; under load one statement carries many, and a finished update stays
// unmarked (so is handled again after a crash) for about one round trip, as before.
import type { Db } from "../db.ts";
import { GroupedCalls } from "./grouped-calls.ts";
import { markHandled } from "./update-inbox.ts";

export class HandledMarks {
  private readonly marks: GroupedCalls<number, void>;

  constructor(db: Db) {
    this.marks = new GroupedCalls<number, void>(async (updateIds) => {
      await markHandled(db, updateIds);
      return updateIds.map(() => undefined);
    });
  }

  /** Settles once the update is marked handled; rejects with the UPDATE's error. */
  mark(updateId: number): Promise<void> {
    return this.marks.call(updateId);
  }
}
