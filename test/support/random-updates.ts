// Random updates for the fuzz test: every kind the bot asks Telegram for, from real users, the
// working groups, anonymous administrators and channels, with texts and callback data a forged
// client could send, and with the Bot API's optional fields randomly left out.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type {
  CallbackQuery,
  Chat,
  ChatMember,
  Message,
  MessageEntity,
  PreCheckoutQuery,
  Update,
  User,
} from "grammy/types";
import type { allowedUpdates } from "../../bot/app.ts";
import type { Random } from "./random.ts";

type UpdateContent = Omit<Update, "update_id">;
type SubscribedKind = (typeof allowedUpdates)[number];

/** Who and where: users with a private chat with the bot, and the groups it works in. */
export interface FuzzCast {
  bot: User;
  users: readonly User[];
  /** Groups and supergroups. */
  groups: readonly Chat[];
}

const anonymousAdmin: User = {
  id: 1087968824,
  is_bot: true,
  first_name: "Group",
  username: "GroupAnonymousBot",
};
/** The sender of a channel's posts forwarded into its discussion group. */
const telegramService: User = { id: 777000, is_bot: false, first_name: "Telegram" };
/** The sender of a message a user writes in a group on behalf of their channel. */
const channelBot: User = {
  id: 136817688,
  is_bot: true,
  first_name: "Channel",
  username: "Channel_Bot",
};
const channel: Chat.ChannelChat = { id: -1001999000111, type: "channel", title: "Каспнет новости" };

const commands = [
  "start",
  "menu",
  "login",
  "logout",
  "balance",
  "topup",
  "trust",
  "freeze",
  "tariffs",
  "profile",
  "connect",
  "support",
  "contacts",
  "help",
  "cancel",
  "requests",
  "find",
  "announce",
  "close",
  "reopen",
  "card",
  "stats",
];

/** Every one-line text of the bot's locales: button labels, prompts, answers. */
function localeTexts(): string[] {
  const root = fileURLToPath(new URL("../../bot/locales/", import.meta.url));
  return readdirSync(root).flatMap((locale) =>
    readdirSync(`${root}${locale}`).flatMap((file) =>
      readFileSync(`${root}${locale}/${file}`, "utf8")
        .split("\n")
        .map((line) => /^[a-z][\w-]* = (.+)$/.exec(line)?.[1])
        .filter((text): text is string => text !== undefined),
    ),
  );
}

const callbackTemplates = [
  "menu:#w",
  "switch:#",
  "logout:one:#",
  "logout:all",
  "logout:stay",
  "logout:everywhere:#",
  "history:#w:#",
  "notice:topup:#",
  "notice:trust:#",
  "notice:reminders-off:#",
  "profile:email:#",
  "profile:phone:#",
  "profile:reminders:#",
  "profile:news:#",
  "profile:days:#",
  "profile:days-info",
  "password:change",
  "password:forgot",
  "tariff:net:#:#w",
  "tariff:net-yes:#:#w",
  "tariff:cancel:#",
  "tariff:tv:#:#w",
  "tariff:tv-off:#",
  "tariff:tv-cancel:#",
  "tariff:keep",
  "topup:#",
  "topup:which:#",
  "topup:help:p:#",
  "topup:help:q:#",
  "topup:help:none",
  "topup:missing",
  "topup:missing:other",
  "trust:yes:#",
  "trust:no",
  "freeze:from:#:#w",
  "freeze:days:#:#w:#",
  "freeze:days:#:#w:-",
  "freeze:type:#:#w",
  "freeze:yes:#:#w:#:#",
  "freeze:no",
  "freeze:off:#",
  "freeze:off-yes:#",
  "freeze:keep",
  "support:faq:#w",
  "support:faq",
  "support:agent",
  "support:rate:#:#",
  "support:card:#",
  "support:invoice:#",
  "support:trust:#",
  "req:#:#w",
  "ann:#:#w",
  "connect:new",
  "connect:resume",
  "connect:tariff:#w",
  "language:#w",
];
const words = [
  "balance",
  "login",
  "menu",
  "internet",
  "iptv",
  "ru",
  "en",
  "de",
  "work",
  "signed",
  "reject",
  "news",
  "all",
  "cancel",
  "month",
  "all-time",
  "HOME50",
  "HOME100",
  "MAX300",
  "GIGA500",
  "IPTV_BASIC",
  "advise",
  "today",
  "date",
  "2026-12-10",
  "2026-02-30",
  "",
];

export function randomUpdates(random: Random, cast: FuzzCast) {
  const texts = localeTexts();
  let lastId = 0;
  const nextId = () => ++lastId;
  const { int, chance, pick } = random;

  const number = () =>
    pick([() => int(0, 12), () => int(1, 999_999_999), () => 2 ** 31, () => -int(1, 9)])();

  function unicode(length: number): string {
    const ranges: [number, number][] = [
      [0x20, 0x7e],
      [0x400, 0x4ff],
      [0x1f300, 0x1faff],
      [0x0, 0x1f],
      [0x300, 0x36f],
      [0xd800, 0xdfff],
      [0xfff0, 0xffff],
      [0x202a, 0x202e],
    ];
    let text = "";
    for (let i = 0; i < length; i++) text += String.fromCodePoint(int(...pick(ranges)));
    return text;
  }

  const text = (): string =>
    pick([
      () => `/${pick(commands)}`,
      () => `/${pick(commands)} ${pick([String(number()), unicode(int(1, 20)), "10001"])}`,
      () => `/${pick(commands)}@test_emulator_bot`,
      () => pick(texts),
      () => pick(["10001", "10002", "kaspnet-demo", "+79285551234", "89285551234", "да", "no"]),
      () => unicode(int(1, 40)),
      () => `a\u0000b${unicode(int(0, 5))}\u0000`,
      () => "\u0000",
      () => unicode(int(1, 3)).repeat(int(1000, 5000)),
      () => "//note",
      () => String(number()),
    ])();

  const callbackData = (): string =>
    chance(0.15)
      ? pick([unicode(int(1, 64)), "\u0000", "x".repeat(int(65, 300)), ""])
      : pick(callbackTemplates).replace(/#w|#/g, (slot) =>
          slot === "#w" ? pick(words) : String(number()),
        );

  const user = () => pick(cast.users);
  const privateChat = (of: User): Chat.PrivateChat => ({
    id: of.id,
    type: "private",
    first_name: of.first_name,
    ...(of.username === undefined ? {} : { username: of.username }),
  });

  /** A message's chat and sender: a private chat, a working group or a channel's forward. */
  function place(): {
    chat: Chat.PrivateChat | Chat.GroupChat | Chat.SupergroupChat;
    from: User;
    sender_chat?: Chat;
    message_thread_id?: number;
  } {
    const roll = random.next();
    if (roll < 0.55) {
      const sender = user();
      return { chat: privateChat(sender), from: sender };
    }
    const group = pick(cast.groups) as Chat.SupergroupChat;
    const thread = chance(0.5) ? { message_thread_id: int(1, 10) } : {};
    if (roll < 0.8) return { chat: group, from: user(), ...thread };
    if (roll < 0.9) return { chat: group, from: anonymousAdmin, sender_chat: group, ...thread };
    if (roll < 0.95) return { chat: group, from: telegramService, sender_chat: channel };
    return { chat: group, from: channelBot, sender_chat: channel, ...thread };
  }

  function content(): Partial<Message> {
    const roll = random.next();
    if (roll < 0.7) {
      const body = text();
      const command = /^\/\S+/.exec(body)?.[0];
      const entities: MessageEntity[] = command
        ? [{ type: "bot_command", offset: 0, length: command.length }]
        : [];
      return { text: body, entities };
    }
    if (roll < 0.78) {
      const owner = chance(0.7) ? user() : undefined;
      return {
        contact: {
          phone_number: pick(["+79285551234", "79285551001", "", "\u0000", unicode(30)]),
          first_name: pick(["Руслан", "", unicode(10)]),
          ...(owner ? { user_id: owner.id } : {}),
        },
      };
    }
    if (roll < 0.84)
      return {
        photo: [{ file_id: `fuzz-${int(1, 1e9)}`, file_unique_id: "u", width: 1, height: 1 }],
        ...(chance(0.5) ? { caption: text() } : {}),
      };
    if (roll < 0.9)
      return {
        successful_payment: {
          currency: pick(["RUB", "USD", "", "\u0000"]),
          total_amount: pick([10_000, 0, -1, int(1, 2e9)]),
          invoice_payload: pick([unicode(int(1, 64)), "\u0000", "x".repeat(5000), ""]),
          telegram_payment_charge_id: `forged-${int(1, 1e9)}${chance(0.2) ? "\u0000" : ""}`,
          provider_payment_charge_id: unicode(int(0, 20)),
        },
      };
    if (roll < 0.94) return { sticker: sticker() };
    return { new_chat_members: [user()] };
  }

  const sticker = () =>
    ({
      file_id: `fuzz-${int(1, 1e9)}`,
      file_unique_id: "s",
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
    }) as const;

  /** A message as `message` or `edited_message` carries it (never a channel's). */
  function message(): Message & Update.NonChannel {
    const where = place();
    const date = Math.floor(Date.now() / 1000) - int(0, 86_400 * 30);
    const built = {
      message_id: int(1, 100_000),
      date,
      ...where,
      ...content(),
      ...(chance(0.4)
        ? {
            reply_to_message: {
              message_id: int(1, 30),
              date,
              chat: where.chat,
              ...(chance(0.7) ? { from: pick([cast.bot, user()]) } : {}),
              ...(chance(0.7) ? { text: text() } : {}),
            },
          }
        : {}),
    } as Message & Update.NonChannel;
    const message = dropOptional(built, [
      "from",
      "entities",
      "reply_to_message",
      "message_thread_id",
    ]);
    if (!chance(0.1)) return message;
    // Telegram never sends entities without their text.
    const { text: _, entities: __, ...textless } = message;
    return textless as typeof message;
  }

  function callbackQuery(): CallbackQuery {
    const from = user();
    const query = {
      id: `fuzz-${nextId()}`,
      from,
      chat_instance: String(int(1, 1e9)),
      data: callbackData(),
      ...(chance(0.85)
        ? { message: { ...message(), message_id: int(1, 30), from: cast.bot, text: pick(texts) } }
        : { inline_message_id: `inline-${int(1, 1e9)}` }),
    } as CallbackQuery;
    return dropOptional(query, ["message", "data"]);
  }

  function preCheckoutQuery(): PreCheckoutQuery {
    return {
      id: `fuzz-${nextId()}`,
      from: user(),
      currency: pick(["RUB", "USD", "XTR", "\u0000"]),
      total_amount: pick([10_000, 1, 0, -5, int(1, 2 ** 31)]),
      invoice_payload: pick([
        unicode(int(1, 128)),
        "\u0000",
        `a\u0000${unicode(8)}`,
        "x".repeat(int(1000, 20_000)),
        "",
      ]),
    };
  }

  function chatMember(of: User): ChatMember {
    return pick<ChatMember>([
      { status: "member", user: of },
      { status: "left", user: of },
      { status: "kicked", user: of, until_date: 0 },
    ]);
  }

  function myChatMember(): NonNullable<Update["my_chat_member"]> {
    const from = user();
    return {
      chat: chance(0.6) ? privateChat(from) : pick(cast.groups),
      from,
      date: Math.floor(Date.now() / 1000),
      old_chat_member: chatMember(cast.bot),
      new_chat_member: chatMember(cast.bot),
    };
  }

  const kinds: Record<SubscribedKind, () => UpdateContent> = {
    message: () => ({ message: message() }),
    edited_message: () => ({
      edited_message: { ...message(), edit_date: Math.floor(Date.now() / 1000) },
    }),
    callback_query: () => ({ callback_query: callbackQuery() }),
    pre_checkout_query: () => ({ pre_checkout_query: preCheckoutQuery() }),
    my_chat_member: () => ({ my_chat_member: myChatMember() }),
  };
  const weights: [SubscribedKind, number][] = [
    ["message", 0.5],
    ["edited_message", 0.1],
    ["callback_query", 0.3],
    ["pre_checkout_query", 0.05],
    ["my_chat_member", 0.05],
  ];

  /** The next random update's content. */
  return function nextUpdate(): UpdateContent {
    let roll = random.next();
    for (const [kind, weight] of weights) {
      roll -= weight;
      if (roll < 0) return kinds[kind]();
    }
    return kinds.message();
  };

  /** Leaves each of these fields out with probability 1/4: the Bot API marks them optional. */
  function dropOptional<T extends object>(value: T, fields: readonly (keyof T & string)[]): T {
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const field of fields) if (chance(0.25)) delete copy[field];
    if ("chat" in copy && chance(0.25)) {
      const { username: _, ...chat } = copy.chat as Chat.PrivateChat;
      copy.chat = chat;
    }
    return copy as T;
  }
}
