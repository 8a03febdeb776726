// A clock a test moves by hand, for the bot's features (HarnessOptions.clock): minutes pass
// between two presses without the test waiting them.
import type { Clock } from "../../bot/clock.ts";

export class ControlledClock {
  private at: number;

  constructor(start: Date = new Date()) {
    this.at = start.getTime();
  }

  readonly now: Clock = () => new Date(this.at);

  advance(ms: number): void {
    this.at += ms;
  }
}
