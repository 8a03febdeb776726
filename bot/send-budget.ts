// The overall sending budget (TELEGRAM_GLOBAL_PER_SECOND) shared by answers and what the bot sends
// on its own. Answers never wait; a paced send (a broadcast's notice, a group post) waits while the
// sends of the last second, answers included, have used the budget. Without it, answers during a
// broadcast of 1,000 notices took the overall rate past Telegram's and met 429s (bench -- outage).
import { setTimeout as sleep } from "node:timers/promises";

/** Calls that post a message: the ones Telegram counts against its limits. */
export const postsMessage = (method: string) =>
  /^(send(?!ChatAction)|copyMessages?$|forwardMessages?$)/.test(method);

const windowMs = 1000;

export class SendBudget {
  /** When each send of the last second went, oldest first. */
  private readonly sent: number[] = [];

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** An answer went out: it counts, it does not wait. */
  spend(): void {
    this.sent.push(this.now());
  }

  /** Waits until the last second's sends leave room for one more, then counts it. */
  async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - windowMs) this.sent.shift();
      if (this.sent.length < this.perSecond) break;
      await sleep((this.sent[0] ?? now) + windowMs - now + 1, undefined, { signal });
    }
    this.spend();
  }
}
