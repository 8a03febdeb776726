// Two answers from Telegram that mean "nothing to do" rather than failure: an edit to the content
// the message already has (a double tap on a button), and an answer to a callback query that has
// expired (a slow handler, or an update seen again after a crash). Neither should reach the user
// as an error.
import type { Transformer } from "grammy";

const harmless: { methods: RegExp; description: RegExp }[] = [
  { methods: /^editMessage/, description: /message is not modified/ },
  { methods: /^answerCallbackQuery$/, description: /query is too old|query ID is invalid/ },
];

export const ignoreHarmlessErrors: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (response.ok || response.error_code !== 400) return response;
  const isHarmless = harmless.some(
    (rule) => rule.methods.test(method) && rule.description.test(response.description),
  );
  // Both methods answer `true` where no message is returned.
  return isHarmless ? { ok: true, result: true as never } : response;
};
