// What the users of `npm run bench -- updates` send: a command, or a press of the history button
// on their balance card; and how many Bot API calls answer one (counted once, on a warm bot).
import { setTimeout as sleep } from "node:timers/promises";
import type { Message } from "grammy/types";
import type { UserDriver } from "../../emulator/index.ts";
import { type Offer, offerOf } from "./load.ts";
import type { ReplyTracker } from "./reply-tracker.ts";

export type Send = (user: UserDriver) => Promise<void>;

export const command =
  (text: string): Send =>
  async (user) => {
    await user.send(text);
  };

/** The balance card's "📜 История платежей" (bot/features/balance.ts). */
export const historyButtonData = "history:this-month:0";

/** Presses the history button on each user's card (`cards`: the card each was last shown). */
export function historyPress(tracker: ReplyTracker, cards: Map<number, Message>): Send {
  return async (user) => {
    const card = cards.get(user.id);
    if (!card) throw new Error(`user ${user.id} was shown no balance card`);
    const query = await user.pressData(card, historyButtonData);
    tracker.noteCallback(query.id, user.id);
  };
}

/**
 * Sends one update and counts the calls to the user's chat until none has come for half a
 * second: how many calls answer that kind of update.
 */
export async function callsPerUpdate(
  tracker: ReplyTracker,
  user: UserDriver,
  send: Send,
): Promise<number> {
  const before = tracker.callsTo(user.id);
  await send(user);
  let seen = before;
  let quietSince = performance.now();
  for (const started = performance.now(); performance.now() - started < 20_000; ) {
    await sleep(50);
    const now = tracker.callsTo(user.id);
    if (now !== seen) {
      seen = now;
      quietSince = performance.now();
    } else if (seen > before && performance.now() - quietSince > 500) return seen - before;
  }
  throw new Error(`no answer from the bot to user ${user.id} within 20 s`);
}

/** An offer of `send`'s update, answered by as many calls as one such update got from `probe`. */
export async function calibratedOffer(
  tracker: ReplyTracker,
  probe: UserDriver,
  send: Send,
): Promise<{ offer: Offer; calls: number }> {
  const calls = await callsPerUpdate(tracker, probe, send);
  return { offer: offerOf(tracker, calls, send), calls };
}
