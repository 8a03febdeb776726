// A small kit for conversations that put questions one after another: a question says how it is
// put and how a reply reads as its answer; the questioner waits for replies through the
// conversations plugin's form fields (`conversation.form.build`), so a reply that does not read is
// skipped (it never enters the conversation's log) after the question's hint.
import { InlineKeyboard } from "grammy";
import type { Logger } from "../../core/logger.ts";
import type { BotConversation, ConversationContext, TranslatingContext } from "../context.ts";
import { hint } from "../hint.ts";

/** A reply read as a question's answer, or the hint to give while the question stays. */
export type Reading<T> = { value: T } | { hint: string };
export const value = <T>(answer: T): Reading<T> => ({ value: answer });
export const refuse = (key: string): Reading<never> => ({ hint: key });

/** A question: how it is put, and how a reply reads. */
export interface Question<T> {
  put(ctx: ConversationContext): Promise<unknown>;
  read(reply: ConversationContext): Reading<T>;
}

/** A button standing for an answer: its label (a locale key) and its callback data. */
export interface Option<T> {
  label: string;
  data: string;
  answer: T;
}

export const dataOf = (ctx: ConversationContext) => ctx.callbackQuery?.data;

/** Reads a typed answer with a field's schema. */
export function typed<T>(
  ctx: ConversationContext,
  field: { safeParse(input: unknown): { success: true; data: T } | { success: false } },
  hintKey: string,
): Reading<T> {
  const text = ctx.message?.text;
  const parsed = text === undefined ? undefined : field.safeParse(text);
  return parsed?.success ? value(parsed.data) : refuse(hintKey);
}

/** Buttons, `perRow` to a row, each standing for an answer. */
export function buttons<T>(ctx: TranslatingContext, options: readonly Option<T>[], perRow: number) {
  const rows: Option<T>[][] = [];
  options.forEach((option, index) => {
    if (index % perRow === 0) rows.push([]);
    rows.at(-1)?.push(option);
  });
  return InlineKeyboard.from(
    rows.map((row) => row.map((option) => InlineKeyboard.text(ctx.t(option.label), option.data))),
  );
}

/** The answer of the option whose button was pressed, if one was. */
export const pressed = <T>(
  reply: ConversationContext,
  options: readonly Omit<Option<T>, "label">[],
): Reading<T> | undefined => {
  const option = options.find((candidate) => candidate.data === dataOf(reply));
  return option && value(option.answer);
};

/** A question answered with buttons only. */
export function choice<T>(
  textKey: string,
  options: readonly Option<T>[],
  hintKey: string,
  perRow = 2,
): Question<T> {
  return {
    put: (c) => c.reply(c.t(textKey), { reply_markup: buttons(c, options, perRow) }),
    read: (reply) => pressed(reply, options) ?? refuse(hintKey),
  };
}

export interface QuestionerOptions {
  /** A reply that asks for the question again (a wish to carry on)… */
  asksAgain(reply: ConversationContext): boolean;
  /** …and what it is told before the question is put again. */
  onAgain(reply: ConversationContext): Promise<unknown>;
  logger: Logger;
}

/** Neither a message nor a button: not for the questions, so the rest of the bot may take it. */
const elsewhere = Symbol("elsewhere");
const again = Symbol("again");

/**
 * Puts questions, each until a reply reads as its answer (anything else gets the question's hint
 * and is skipped). A pressed button is answered and taken off the question; a reply that asks
 * for it again puts it again. `ctx` is the latest reply taken, to write to.
 */
export function questioner(
  conversation: BotConversation,
  first: ConversationContext,
  { asksAgain, onAgain, logger }: QuestionerOptions,
) {
  let current = first;

  const reply = <T>(question: Question<T>) =>
    conversation.form.build<{ value: T } | typeof again, string | typeof elsewhere>({
      validate(ctx) {
        if (!ctx.message && !ctx.callbackQuery) return { ok: false, error: elsewhere };
        if (asksAgain(ctx)) return { ok: true, value: again };
        const reading = question.read(ctx);
        return "hint" in reading
          ? { ok: false, error: reading.hint }
          : { ok: true, value: reading };
      },
      async otherwise(ctx, reason) {
        if (reason === elsewhere) await conversation.skip({ next: true });
        else await hint(ctx, reason);
      },
      async action(ctx) {
        current = ctx;
        if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      },
    });

  return {
    get ctx() {
      return current;
    },
    async ask<T>(question: Question<T>): Promise<T> {
      await question.put(current);
      for (;;) {
        const answer = await reply(question);
        if (answer === again) {
          await onAgain(current);
          await question.put(current);
          continue;
        }
        if (current.callbackQuery)
          await current.editMessageReplyMarkup().catch((error: unknown) => {
            logger.debug({ err: error }, "answered question keeps its buttons");
          });
        return answer.value;
      }
    },
  };
}
