import type { BotCommand, BotCommandScope } from "grammy/types";
import { badRequest } from "../api-error.ts";
import type { Params } from "../params.ts";
import type { World } from "../state/world.ts";
import type { MethodTable } from "./context.ts";

const SCOPE_TYPES = new Set([
  "default",
  "all_private_chats",
  "all_group_chats",
  "all_chat_administrators",
  "chat",
  "chat_administrators",
  "chat_member",
]);

/** setMyCommands, getMyCommands, deleteMyCommands, per scope and language_code. */
export const commandMethods: MethodTable = {
  setMyCommands: ({ params, world }) => {
    const commands = readCommands(params);
    world.commands.set(readScope(params, world), readLanguage(params), commands);
    return true;
  },
  getMyCommands: ({ params, world }) =>
    world.commands.get(readScope(params, world), readLanguage(params)),
  deleteMyCommands: ({ params, world }) => {
    world.commands.set(readScope(params, world), readLanguage(params), []);
    return true;
  },
};

function readCommands(params: Params): BotCommand[] {
  const commands = params.json<unknown>("commands", () =>
    badRequest("can't parse commands JSON object"),
  );
  if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
  if (commands.length > 100) throw badRequest("too many commands specified");
  return commands.map((item: unknown) => {
    const { command, description } = (item ?? {}) as Partial<Record<keyof BotCommand, unknown>>;
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command.replace(/^\//, ""))) {
      throw badRequest("BOT_COMMAND_INVALID");
    }
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command: command.replace(/^\//, ""), description };
  });
}

function readScope(params: Params, world: World): BotCommandScope {
  const scope = params.json<Record<string, unknown>>("scope", () =>
    badRequest("can't parse BotCommandScope JSON object"),
  );
  if (scope === undefined) return { type: "default" };
  const type = String(scope.type);
  if (!SCOPE_TYPES.has(type)) throw badRequest("unsupported bot command scope type");
  if (type !== "chat" && type !== "chat_administrators" && type !== "chat_member") {
    return { type } as BotCommandScope;
  }
  const rawChatId = scope.chat_id;
  const chat = world.resolveChat(
    typeof rawChatId === "string" && rawChatId.startsWith("@") ? rawChatId : Number(rawChatId),
    "read",
  );
  if (type !== "chat_member") return { type, chat_id: chat.id };
  const userId = Number(scope.user_id);
  if (!world.users.has(userId)) throw badRequest("user not found");
  return { type, chat_id: chat.id, user_id: userId };
}

function readLanguage(params: Params): string {
  const language = params.string("language_code") ?? "";
  if (language !== "" && !/^[a-z]{2}$/.test(language))
    throw badRequest("invalid language code specified");
  return language;
}
