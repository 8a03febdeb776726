import type { TranslatingContext } from "./context.ts";

/**
 * Tells the user what a step expects, keeping the step: a pressed button gets the answer as its
 * notification, anything else as a message.
 */
export async function hint(
  ctx: TranslatingContext,
  key: string,
  variables?: Record<string, string | number>,
): Promise<void> {
  const text = ctx.t(key, variables);
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text, show_alert: true });
  else await ctx.reply(text);
}
