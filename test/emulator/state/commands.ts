import type { BotCommand, BotCommandScope } from "grammy/types";

/** Who looks at the command menu, for Telegram's scope resolution. */
export interface CommandViewer {
  chatId: number;
  userId: number;
  isPrivate: boolean;
  isAdmin: boolean;
  languageCode?: string;
}

/** Command lists per (scope, language_code), as setMyCommands stores them. */
export class CommandStore {
  private readonly lists = new Map<string, BotCommand[]>();

  set(scope: BotCommandScope, languageCode: string, commands: BotCommand[]): void {
    if (commands.length === 0) this.lists.delete(key(scope, languageCode));
    else this.lists.set(key(scope, languageCode), commands);
  }

  get(scope: BotCommandScope, languageCode: string): BotCommand[] {
    return this.lists.get(key(scope, languageCode)) ?? [];
  }

  /** The list a user sees: the first non-empty one in Telegram's documented order. */
  visibleTo(viewer: CommandViewer): BotCommand[] {
    for (const scope of scopesFor(viewer)) {
      for (const language of [viewer.languageCode, ""]) {
        if (language === undefined) continue;
        const commands = this.lists.get(key(scope, language));
        if (commands !== undefined) return commands;
      }
    }
    return [];
  }
}

function scopesFor({ chatId, userId, isPrivate, isAdmin }: CommandViewer): BotCommandScope[] {
  if (isPrivate) {
    return [{ type: "chat", chat_id: chatId }, { type: "all_private_chats" }, { type: "default" }];
  }
  return [
    { type: "chat_member", chat_id: chatId, user_id: userId },
    ...(isAdmin ? [{ type: "chat_administrators", chat_id: chatId } as const] : []),
    { type: "chat", chat_id: chatId },
    ...(isAdmin ? [{ type: "all_chat_administrators" } as const] : []),
    { type: "all_group_chats" },
    { type: "default" },
  ];
}

function key(scope: BotCommandScope, languageCode: string): string {
  const chat = "chat_id" in scope ? scope.chat_id : "";
  const user = "user_id" in scope ? scope.user_id : "";
  return `${scope.type}|${chat}|${user}|${languageCode}`;
}
