// The staff chat's lists of connection requests: /requests, the open ones (newest first, as many
// as core lists, with how many more); /find <phone>, a phone's requests as cards. Members only.
import { Composer } from "grammy";
import { normalizePhone } from "../../core/accounts/phone.ts";
import { countOpenRequests, openRequests, requestsByPhone } from "../../core/requests/lists.ts";
import type { BotContext } from "../context.ts";
import { formatDateTime } from "../format.ts";
import { lengthLimits, splitText } from "../length-limits.ts";
import { type StaffDeps, staffMembership, staffText } from "./staff-chat.ts";
import { requestCard, statusWordKey } from "./staff-request-card.ts";

export function staffRequestListsFeature(deps: StaffDeps, chatId: number) {
  const { db, config } = deps;
  const t = staffText(deps);
  const isStaff = staffMembership(deps, chatId);
  const feature = new Composer<BotContext>();
  const staffChat = feature.filter((ctx) => ctx.chat?.id === chatId);

  staffChat.command("requests", async (ctx) => {
    if (!(await isStaff(ctx))) {
      await ctx.reply(t("connect-staff-members-only"));
      return;
    }
    const [open, count] = await Promise.all([openRequests(db), countOpenRequests(db)]);
    if (open.length === 0) {
      await ctx.reply(t("connect-staff-open-none"));
      return;
    }
    const lines = [
      t("connect-staff-open", { count: String(count) }),
      ...open.map((request) =>
        t("connect-staff-open-line", {
          id: String(request.id),
          date: formatDateTime(request.createdAt, config.timeZone),
          status: t(statusWordKey[request.status]),
          name: request.name,
          phone: request.phone,
          town: request.town,
          address: request.address,
        }),
      ),
    ];
    if (count > open.length)
      lines.push(t("connect-staff-open-more", { more: String(count - open.length) }));
    for (const part of splitText(lines.join("\n"), lengthLimits.text)) await ctx.reply(part.text);
  });

  staffChat.command("find", async (ctx) => {
    if (!(await isStaff(ctx))) {
      await ctx.reply(t("connect-staff-members-only"));
      return;
    }
    const phone = normalizePhone(ctx.match);
    if (phone === null) {
      await ctx.reply(t("connect-staff-find-usage"));
      return;
    }
    const found = await requestsByPhone(db, phone);
    if (found.length === 0) {
      await ctx.reply(t("connect-staff-find-none", { phone }));
      return;
    }
    for (const request of found) {
      const card = requestCard(deps, request);
      await ctx.reply(card.text, { reply_markup: card.reply_markup });
    }
  });

  return feature;
}
