// Inline buttons as typed families: one definition both packs a button's callback data and reads it
// back, so the side that draws a button and the side that answers it cannot drift apart. What comes
// back from Telegram is user input (any client can send any data), so every field is read by zod.
import type { CallbackQueryContext, Composer } from "grammy";
import { z } from "zod";
import { type AccountSummary, findActiveAccount } from "../core/accounts/active-account.ts";
import type { Db } from "../core/db.ts";
import type { BotContext } from "./context.ts";

/** A field's text in the data and the value it stands for. */
type Field<T> = z.ZodType<T, string>;
type Fields = Record<string, Field<unknown>>;
export type ButtonValues<F extends Fields> = { [K in keyof F]: z.output<F[K]> };

/** Telegram refuses callback data longer than this, in bytes. */
const maxDataBytes = 64;

/** A database id (PostgreSQL integers have at most 10 digits). */
export const idField = () =>
  z.codec(
    z.string().regex(/^\d{1,10}$/),
    z
      .number()
      .int()
      .nonnegative()
      .max(2 ** 31 - 1),
    {
      decode: Number,
      encode: String,
    },
  );

/** A whole number of at most `digits` digits (kopecks, a page, a count of days). */
export const numberField = (digits: number) =>
  z.codec(z.string().regex(new RegExp(`^\\d{1,${digits}}$`)), z.number().int().nonnegative(), {
    decode: Number,
    encode: String,
  });

/** One of a fixed set of words. */
export const oneOfField = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values);

/** A text field with its own pattern (which must not allow ":"). */
export const textField = (pattern: RegExp) => z.string().regex(pattern);

/** A field that may be absent: written as "-". */
export const orNoneField = <T>(field: Field<T>) =>
  z.codec(z.union([z.literal("-"), field]), z.custom<T | null>(), {
    decode: (text) => (text === "-" ? null : (text as T)),
    encode: (value) => (value === null ? "-" : value),
  });

export interface ButtonFamily<F extends Fields> {
  /** Matches every data of this family (and nothing else), for `callbackQuery`. */
  readonly pattern: RegExp;
  /** The callback data for these values; throws if Telegram would refuse it (over 64 bytes). */
  pack(values: ButtonValues<F>): string;
  /** The values in a button's data, or null when it is not this family's or a field is wrong. */
  parse(data: string): ButtonValues<F> | null;
}

/** The first word of every family's prefix: what a metric may name a button press by. */
const familyWords = new Set<string>();
export const buttonFamilyWords: ReadonlySet<string> = familyWords;

/**
 * A family of buttons whose data is `prefix:field:field…`. A family without fields is a single
 * button (pack it with `{}`).
 */
export function buttonFamily<const F extends Fields = Record<never, never>>(
  prefix: string,
  fields: F = {} as F,
): ButtonFamily<F> {
  const names = Object.keys(fields) as (keyof F & string)[];
  familyWords.add(prefix.split(":")[0] as string);
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${escaped}${":([^:]*)".repeat(names.length)}$`);
  return {
    pattern,
    pack(values) {
      const parts = names.map((name) => z.encode(fields[name] as Field<unknown>, values[name]));
      if (parts.some((part) => part.includes(":")))
        throw new Error(`callback data field with ":": ${prefix}`);
      const data = [prefix, ...parts].join(":");
      if (Buffer.byteLength(data) > maxDataBytes)
        throw new Error(`callback data over ${maxDataBytes} bytes: ${prefix}`);
      return data;
    },
    parse(data) {
      const match = pattern.exec(data);
      if (!match) return null;
      const values: Record<string, unknown> = {};
      for (const [index, name] of names.entries()) {
        const field = z.safeDecode(fields[name] as Field<unknown>, match[index + 1] ?? "");
        if (!field.success) return null;
        values[name] = field.data;
      }
      return values as ButtonValues<F>;
    },
  };
}

type ButtonHandler<C extends BotContext, V> = (
  ctx: CallbackQueryContext<C>,
  values: V,
) => unknown | Promise<unknown>;

/**
 * Answers presses of a family's buttons. Data that does not read is passed on: it may be another
 * family's (`topup:which:7` has the shape of `topup:<contract>:<amount>`), and what no family
 * reads (forged, or from an older version of the bot) gets "this button is outdated" from the
 * fallback, never the handler.
 */
export function onButton<C extends BotContext, F extends Fields>(
  composer: Composer<C>,
  family: ButtonFamily<F>,
  handler: ButtonHandler<C, ButtonValues<F>>,
) {
  composer.callbackQuery(family.pattern, async (ctx, next) => {
    const values = family.parse(ctx.callbackQuery.data);
    if (!values) return next();
    await handler(ctx, values);
  });
}

/**
 * Answers presses of buttons drawn for one contract (their `accountId`): they act only while it
 * is still the user's active contract. A button for another one (switched since, signed out, or
 * forged) gets "this button is outdated" and never reaches the handler.
 */
export function onContractButton<
  C extends BotContext,
  F extends Fields & { accountId: Field<number> },
>(
  composer: Composer<C>,
  db: Db,
  family: ButtonFamily<F>,
  handler: (
    ctx: CallbackQueryContext<C>,
    account: AccountSummary,
    values: ButtonValues<F>,
  ) => unknown | Promise<unknown>,
) {
  onButton(composer, family, async (ctx, values) => {
    const account = await findActiveAccount(db, ctx.from.id);
    if (!account || account.id !== values.accountId) {
      await ctx.answerCallbackQuery(ctx.t("button-outdated"));
      return;
    }
    await handler(ctx, account, values);
  });
}
