// Signs a driven user in through the bot's own /login conversation.
import { expect } from "vitest";
import { demoPassword } from "../../prisma/seed.ts";
import type { ChatMessage, UserDriver } from "../emulator/index.ts";

export async function signInThroughBot(
  user: UserDriver,
  login: string,
  password = demoPassword,
): Promise<ChatMessage> {
  await user.send("/login");
  expect((await user.nextBotMessage()).text).toMatch(/Введите логин|Enter the login/);
  await user.send(login);
  expect((await user.nextBotMessage()).text).toMatch(/введите пароль|enter the password/);
  await user.send(password);
  return user.nextBotMessage();
}

/** Signs in and consumes the menu that follows a successful sign-in. */
export async function signedIn(user: UserDriver, login: string): Promise<ChatMessage> {
  const reply = await signInThroughBot(user, login);
  expect(reply.text).toContain(login);
  return user.nextBotMessage();
}

export const inlineButtons = (message: ChatMessage | undefined): string[] =>
  message?.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];
