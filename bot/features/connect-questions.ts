// The questions of a connection request (name, phone, town and address, tariff, IPTV, when to
// call, comment), the summary shown before sending it and the question of which field to change.
import { InlineKeyboard, Keyboard } from "grammy";
import { viewTariffs } from "../../core/billing/tariffs.ts";
import type { Db } from "../../core/db.ts";
import { type DraftStep, draftSteps, type RequestDraft } from "../../core/requests/draft.ts";
import {
  addressField,
  commentField,
  defaultTown,
  nameField,
  phoneField,
  preferredTimeField,
  townField,
} from "../../core/requests/fields.ts";
import type { RequestStatus } from "../../core/requests/request-view.ts";
import type { ConversationContext, TranslatingContext } from "../context.ts";
import { formatMoney } from "../format.ts";
import {
  buttons,
  choice,
  dataOf,
  type Option,
  pressed,
  type Question,
  refuse,
  typed,
  value,
} from "../forms/questions.ts";
import {
  adviseCode,
  dropButton,
  editButton,
  fieldButton,
  homeTownButton,
  iptvButton,
  noCommentButton,
  otherTownButton,
  sendButton,
  tariffButton,
  timeButton,
  timePresets,
} from "./connect-buttons.ts";

export const statusKey: Record<RequestStatus, string> = {
  NEW: "connect-status-new",
  IN_PROGRESS: "connect-status-in-progress",
  SIGNED: "connect-status-signed",
  REJECTED: "connect-status-rejected",
};

export interface TariffChoice {
  code: string;
  name: string;
  speedMbps: number | null;
  monthlyFee: number;
}

export async function tariffChoices(db: Db): Promise<TariffChoice[]> {
  const { internet } = await viewTariffs(db, null);
  return internet.map(({ code, name, speedMbps, monthlyFee }) => ({
    code,
    name,
    speedMbps,
    monthlyFee,
  }));
}

/** Kaspiysk in the user's language; another town as the prospect wrote it. */
const townName = (ctx: TranslatingContext, town: string) =>
  town === defaultTown ? ctx.t("connect-town-home") : town;

export const nameQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-name"), { reply_markup: { remove_keyboard: true } }),
  read: (reply) => typed(reply, nameField, "connect-bad-name"),
};

/** The user's own contact (the button) or a number typed. */
export const phoneQuestion: Question<string> = {
  put: (c) =>
    c.reply(c.t("connect-ask-phone"), {
      reply_markup: new Keyboard().requestContact(c.t("connect-share-phone")).resized(),
    }),
  read(reply) {
    const contact = reply.message?.contact;
    if (!contact) return typed(reply, phoneField, "connect-bad-phone");
    if (contact.user_id !== reply.from?.id) return refuse("connect-contact-not-own");
    const phone = phoneField.safeParse(contact.phone_number);
    return phone.success ? value(phone.data) : refuse("connect-bad-phone");
  },
};

export const townQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-town")),
  read: (reply) => typed(reply, townField, "connect-bad-town"),
};

export type AddressAnswer = { address: string } | { town: "other" | "home" };

const townButtons: Option<AddressAnswer>[] = [
  { label: "connect-other-town", data: otherTownButton.pack({}), answer: { town: "other" } },
  { label: "connect-default-town", data: homeTownButton.pack({}), answer: { town: "home" } },
];

/** Street, house, apartment in the town; or the wish to name another town (or go back home). */
export function addressQuestion(town: string): Question<AddressAnswer> {
  return {
    put: (c) =>
      c.reply(c.t("connect-ask-address", { town: townName(c, town) }), {
        reply_markup: buttons(c, town === defaultTown ? townButtons.slice(0, 1) : townButtons, 2),
      }),
    read(reply) {
      const button = pressed(reply, townButtons);
      if (button) return button;
      const address = typed(reply, addressField, "connect-bad-address");
      return "hint" in address ? address : value({ address: address.value });
    },
  };
}

/** A tariff's code, or null for "advise me". */
export function tariffQuestion(tariffs: TariffChoice[]): Question<string | null> {
  return {
    put(c) {
      const keyboard = InlineKeyboard.from(
        tariffs.map((tariff) => [
          InlineKeyboard.text(
            c.t("connect-tariff-option", {
              name: tariff.name,
              speed: String(tariff.speedMbps ?? ""),
              fee: formatMoney(tariff.monthlyFee),
            }),
            tariffButton.pack({ code: tariff.code }),
          ),
        ]),
      )
        .row()
        .text(c.t("connect-tariff-advise"), tariffButton.pack({ code: adviseCode }));
      return c.reply(c.t("connect-ask-tariff"), { reply_markup: keyboard });
    },
    read(reply) {
      const code = tariffButton.parse(dataOf(reply) ?? "")?.code;
      if (code === adviseCode) return value(null);
      const tariff = tariffs.find((option) => option.code === code);
      return tariff ? value(tariff.code) : refuse("connect-bad-tariff");
    },
  };
}

export const iptvQuestion = choice(
  "connect-ask-iptv",
  [
    { label: "connect-iptv-yes", data: iptvButton.pack({ wanted: "yes" }), answer: true },
    { label: "connect-iptv-no", data: iptvButton.pack({ wanted: "no" }), answer: false },
  ],
  "connect-bad-iptv",
);

const timePresetKeys = {
  morning: "connect-time-morning",
  day: "connect-time-day",
  evening: "connect-time-evening",
  any: "connect-time-any",
} as const satisfies Record<(typeof timePresets)[number], string>;
const timeOptions = timePresets.map((preset) => ({
  label: timePresetKeys[preset],
  data: timeButton.pack({ preset }),
  answer: timePresetKeys[preset],
}));

/** A preset (kept in the prospect's words, as if typed) or a time typed. */
export const timeQuestion: Question<string> = {
  put: (c) => c.reply(c.t("connect-ask-time"), { reply_markup: buttons(c, timeOptions, 2) }),
  read(reply) {
    const preset = pressed(reply, timeOptions);
    if (preset && "value" in preset) return value(reply.t(preset.value));
    return typed(reply, preferredTimeField, "connect-bad-time");
  },
};

const noComment: Option<null>[] = [
  { label: "connect-comment-none", data: noCommentButton.pack({}), answer: null },
];

export const commentQuestion: Question<string | null> = {
  put: (c) => c.reply(c.t("connect-ask-comment"), { reply_markup: buttons(c, noComment, 1) }),
  read: (reply) => pressed(reply, noComment) ?? typed(reply, commentField, "connect-bad-comment"),
};

function summary(ctx: TranslatingContext, draft: RequestDraft, tariffs: TariffChoice[]) {
  const tariff = tariffs.find((option) => option.code === draft.tariffCode);
  return ctx.t("connect-summary", {
    name: draft.name ?? "",
    phone: draft.phone ?? "",
    town: townName(ctx, draft.town ?? defaultTown),
    address: draft.address ?? "",
    tariff: tariff?.name ?? ctx.t("connect-advise"),
    iptv: ctx.t(draft.iptvWanted ? "connect-yes" : "connect-no"),
    time: draft.preferredTime ?? "",
    comment: draft.comment ?? ctx.t("connect-no-comment"),
  });
}

/** The request as it stands: send it, change a field or drop it. */
export function summaryQuestion(draft: RequestDraft, tariffs: TariffChoice[]) {
  const options = [
    { label: "connect-send", data: sendButton.pack({}), answer: "send" },
    { label: "connect-edit", data: editButton.pack({}), answer: "edit" },
    { label: "connect-drop", data: dropButton.pack({}), answer: "drop" },
  ] as const;
  return {
    put: (c: ConversationContext) =>
      c.reply(summary(c, draft, tariffs), {
        reply_markup: buttons(c, options.slice(0, 1), 1)
          .row()
          .append(buttons(c, options.slice(1), 2)),
      }),
    read: (reply: ConversationContext) => pressed(reply, options) ?? refuse("connect-bad-summary"),
  } satisfies Question<(typeof options)[number]["answer"]>;
}

const fieldKeys = {
  name: "connect-field-name",
  phone: "connect-field-phone",
  address: "connect-field-address",
  tariff: "connect-field-tariff",
  iptv: "connect-field-iptv",
  time: "connect-field-time",
  comment: "connect-field-comment",
} as const satisfies Record<DraftStep, string>;

export const fieldQuestion = choice<DraftStep | "back">(
  "connect-ask-field",
  [
    ...draftSteps.map((step) => ({
      label: fieldKeys[step],
      data: fieldButton.pack({ field: step }),
      answer: step,
    })),
    { label: "connect-field-back", data: fieldButton.pack({ field: "back" }), answer: "back" },
  ],
  "connect-bad-field",
);
