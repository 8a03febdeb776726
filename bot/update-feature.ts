// The feature an update goes to, for the metrics' `feature` label: its command, its button's
// family (a main-menu button: the item, named as its command), the conversation waiting for the
// answer, a payment, or the group it came from. Only names the code defines, never what a user
// typed or forged: the label has a bounded set of values.
import type { Update } from "grammy/types";
import type { Config } from "../core/config.ts";
import { buttonFamilyWords } from "./buttons.ts";
import { agentCommands, commands, staffCommands } from "./commands.ts";
import type { BotContext } from "./context.ts";

const commandNames: ReadonlySet<string> = new Set([
  ...commands,
  ...agentCommands,
  ...staffCommands,
]);

type Chats = Pick<Config, "supportChatId" | "staffChatId">;

/** What the update itself says; the conversation is known only after the conversations plugin. */
export function featureOf(update: Update, chats: Chats, conversation?: string): string {
  if (update.pre_checkout_query || update.message?.successful_payment) return "payment";
  if (update.my_chat_member) return "membership";
  const message = update.message ?? update.edited_message;
  const command = commandOf(message?.text, message?.entities);
  if (command !== undefined) return commandNames.has(command) ? command : "unknown-command";
  const data = update.callback_query?.data;
  if (data !== undefined) return buttonFeature(data);
  if (conversation !== undefined) return conversation;
  const chatId = message?.chat.id ?? update.callback_query?.message?.chat.id;
  if (chatId !== undefined && chatId === chats.supportChatId) return "support-desk";
  if (chatId !== undefined && chatId === chats.staffChatId) return "staff";
  return "message";
}

/** The first conversation waiting in this chat, by its name in the code. */
export function activeConversation(ctx: BotContext): string | undefined {
  return Object.keys(ctx.conversation?.active() ?? {})[0];
}

function commandOf(
  text: string | undefined,
  entities: readonly { type: string; offset: number; length: number }[] | undefined,
): string | undefined {
  const entity = entities?.find((one) => one.type === "bot_command" && one.offset === 0);
  if (text === undefined || entity === undefined) return undefined;
  return text.slice(1, entity.length).split("@")[0]?.toLowerCase();
}

function buttonFeature(data: string): string {
  const [word, item] = data.split(":");
  if (word === "menu" && item !== undefined && commandNames.has(item)) return item;
  return word !== undefined && buttonFamilyWords.has(word) ? word : "unknown-button";
}
