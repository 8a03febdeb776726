import { botMethods } from "./bot.ts";
import { callbackMethods } from "./callbacks.ts";
import { chatMethods } from "./chats.ts";
import { commandMethods } from "./commands.ts";
import type { MethodHandler, MethodTable } from "./context.ts";
import { editingMethods } from "./editing.ts";
import { forumMethods } from "./forum.ts";
import { forwardingMethods } from "./forwarding.ts";
import { mediaMethods } from "./media.ts";
import { messageMethods } from "./messages.ts";
import { paymentMethods } from "./payments.ts";
import { profileMethods } from "./profile.ts";
import { updateMethods } from "./updates.ts";

/** Every implemented method, looked up case-insensitively as Telegram does. */
export class MethodRegistry {
  private readonly byLowerName = new Map<string, { name: string; handler: MethodHandler }>();

  constructor(tables: MethodTable[]) {
    for (const table of tables) {
      for (const [name, handler] of Object.entries(table)) {
        this.byLowerName.set(name.toLowerCase(), { name, handler });
      }
    }
  }

  find(method: string): { name: string; handler: MethodHandler } | undefined {
    return this.byLowerName.get(method.toLowerCase());
  }
}

export function createMethodRegistry(): MethodRegistry {
  return new MethodRegistry([
    botMethods,
    updateMethods,
    messageMethods,
    editingMethods,
    mediaMethods,
    forwardingMethods,
    forumMethods,
    paymentMethods,
    callbackMethods,
    commandMethods,
    chatMethods,
    profileMethods(),
  ]);
}
