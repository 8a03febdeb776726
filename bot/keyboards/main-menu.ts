// The main menu: its items, their buttons (`menu:<item>`) and the keyboard for a subscriber or a
// newcomer.
import { InlineKeyboard } from "grammy";
import type { AccountSummary } from "../../core/accounts/active-account.ts";
import type { Incident } from "../../core/incidents/incidents.ts";
import { buttonFamily, oneOfField } from "../buttons.ts";
import type { TranslatingContext } from "../context.ts";

const menuItems = [
  "balance",
  "topup",
  "trust",
  "freeze",
  "tariffs",
  "profile",
  "support",
  "contacts",
  "help",
  "login",
  "connect",
  "switch",
  "menu",
] as const;
export type MenuItem = (typeof menuItems)[number];

const linkedRows = [
  ["balance", "topup"],
  ["trust", "tariffs"],
  // Only on a billing that offers the voluntary freeze (MenuState.freeze).
  ["freeze"],
  ["profile", "support"],
  ["contacts", "help"],
] as const satisfies MenuItem[][];

const unlinkedRows = [
  ["login"],
  ["connect", "tariffs"],
  ["support", "contacts"],
  ["help"],
] as const satisfies MenuItem[][];

type ShownItem = (typeof linkedRows | typeof unlinkedRows)[number][number];

const itemKeys = {
  balance: "menu-balance",
  topup: "menu-topup",
  trust: "menu-trust",
  freeze: "menu-freeze",
  tariffs: "menu-tariffs",
  profile: "menu-profile",
  support: "menu-support",
  contacts: "menu-contacts",
  help: "menu-help",
  login: "menu-login",
  connect: "menu-connect",
} as const satisfies Record<ShownItem, string>;

/** A menu button: `menu:<item>`. */
const menuButton = buttonFamily("menu", { item: oneOfField(menuItems) });

/** Packed once: the menu and the cards draw these buttons on every update. */
const menuDatas = Object.fromEntries(
  menuItems.map((item) => [item, menuButton.pack({ item })]),
) as Record<MenuItem, string>;

/** Callback data of a menu button; each feature answers its own item's exact data. */
export const menuData = (item: MenuItem) => menuDatas[item];

export interface MenuState {
  account: AccountSummary | null;
  /** How many contracts the user has linked. */
  contracts: number;
  /** Whether the billing offers the voluntary freeze (bot/features/freeze.ts). */
  freeze: boolean;
  /** Open mass outages that reach the contract: shown above the menu (bot/incident-banner.ts). */
  incidents: Incident[];
}

/** The main menu: a subscriber's, naming the contract it is for, or a newcomer's. */
export function mainMenu(ctx: TranslatingContext, { account, contracts, freeze }: MenuState) {
  const rows: readonly (readonly ShownItem[])[] = account ? linkedRows : unlinkedRows;
  const shown = rows
    .map((row) => row.filter((item) => freeze || item !== "freeze"))
    .filter((row) => row.length > 0);
  const keyboard = InlineKeyboard.from(
    shown.map((row) =>
      row.map((item) => InlineKeyboard.text(ctx.t(itemKeys[item]), menuData(item))),
    ),
  );
  if (contracts > 1)
    keyboard.row().text(ctx.t("menu-switch", { count: contracts }), menuData("switch"));
  const text = account
    ? ctx.t("menu-linked", { login: account.login, accountName: account.name })
    : ctx.t("menu-unlinked");
  return { text, reply_markup: keyboard };
}
