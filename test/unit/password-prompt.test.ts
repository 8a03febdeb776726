import { describe, expect, it } from "vitest";
import { createI18n, locales } from "../../bot/i18n.ts";
import { passwordPromptRecognizer, passwordPrompts } from "../../bot/password-prompt.ts";

describe("recognising the bot's password prompts by their text", () => {
  const i18n = createI18n();
  const restartCommandOf = passwordPromptRecognizer(i18n);

  it("knows every prompt in every locale, whatever its variables", () => {
    for (const [key, { command }] of Object.entries(passwordPrompts)) {
      for (const locale of locales) {
        const text = i18n.t(locale, key, { login: "10042", email: "iv***@example.ru" });
        expect(restartCommandOf(text), `${key} (${locale})`).toBe(command);
      }
    }
  });

  it("takes no other message of the bot, nor a prompt with text added", () => {
    expect(restartCommandOf(i18n.t("ru", "login-ask-login"))).toBeUndefined();
    expect(restartCommandOf(i18n.t("en", "not-understood"))).toBeUndefined();
    expect(restartCommandOf(`${i18n.t("ru", "login-ask-password")} ещё`)).toBeUndefined();
  });
});
