import type { MethodTable } from "./context.ts";

/** getMe, logOut, close: the bot's identity and lifecycle. */
export const botMethods: MethodTable = {
  getMe: ({ world }) => world.bot,
  logOut: () => true,
  close: () => true,
};
