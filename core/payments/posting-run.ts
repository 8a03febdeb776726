// One run of the payment poster as the bot and the scheduler run it: what the billing would not
// take goes to the agents' chat, in Russian like the rest of the staff's messages.
import type { Billing } from "../billing/port.ts";
import type { Db } from "../db.ts";
import type { Notifier } from "../ports.ts";
import { type PostingReport, postDuePayments } from "./payment-poster.ts";

const staffLanguage = "ru";

export function runPaymentPosting(
  db: Db,
  billing: Required<Pick<Billing, "postCardPayment">>,
  input: { notifier: Notifier; agentsChatId: number | undefined; timeZone: string; now?: Date },
): Promise<PostingReport> {
  const { notifier, agentsChatId } = input;
  return postDuePayments(db, billing, {
    timeZone: input.timeZone,
    ...(input.now ? { now: input.now } : {}),
    alert: async (alert) => {
      if (agentsChatId === undefined) return;
      const chat = { id: agentsChatId, chatId: agentsChatId, languageCode: staffLanguage };
      await notifier.send(chat, { kind: "payment-unposted", ...alert });
    },
  });
}
