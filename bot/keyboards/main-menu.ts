import { InlineKeyboard } from "grammy";
import type { BotContext } from "../context.ts";

const linkedRows = [
  ["balance", "topup"],
  ["trust", "tariffs"],
  ["profile", "support"],
  ["contacts", "help"],
] as const;

const unlinkedRows = [
  ["login"],
  ["connect", "tariffs"],
  ["support", "contacts"],
  ["help"],
] as const;

export type MenuItem = (typeof linkedRows)[number][number] | (typeof unlinkedRows)[number][number];

/** Callback data of a menu button: `menu:<item>`. */
export const menuData = (item: MenuItem) => `menu:${item}`;

export function mainMenuKeyboard(ctx: BotContext, linked: boolean): InlineKeyboard {
  const rows = linked ? linkedRows : unlinkedRows;
  return InlineKeyboard.from(
    rows.map((row) =>
      row.map((item) => InlineKeyboard.text(ctx.t(`menu-${item}`), menuData(item))),
    ),
  );
}
