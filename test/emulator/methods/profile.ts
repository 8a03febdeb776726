import type { MenuButton } from "grammy/types";
import { badRequest } from "../api-error.ts";
import type { MethodTable } from "./context.ts";

/**
 * The bot's profile texts and menu button, stored per language so a bot that
 * sets them at start-up works; nothing else in the emulator reads them.
 */
export function profileMethods(): MethodTable {
  const texts = new Map<string, string>();
  const menuButtons = new Map<string, MenuButton>();
  const text = (field: string, limit: number): MethodTable => {
    const name = field.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase());
    return {
      [`setMy${name}`]: ({ params }) => {
        const value = params.string(field) ?? "";
        if (value.length > limit) throw badRequest(`bot ${field.replace("_", " ")} is too long`);
        texts.set(`${field}|${params.string("language_code") ?? ""}`, value);
        return true;
      },
      [`getMy${name}`]: ({ params }) => ({
        [field]: texts.get(`${field}|${params.string("language_code") ?? ""}`) ?? "",
      }),
    };
  };
  return {
    ...text("name", 64),
    ...text("description", 512),
    ...text("short_description", 120),
    setChatMenuButton: ({ params }) => {
      const button = params.json<MenuButton>("menu_button", () =>
        badRequest("can't parse menu button JSON object"),
      );
      menuButtons.set(String(params.integer("chat_id") ?? ""), button ?? { type: "default" });
      return true;
    },
    getChatMenuButton: ({ params }) =>
      menuButtons.get(String(params.integer("chat_id") ?? "")) ?? { type: "commands" },
    setMyDefaultAdministratorRights: () => true,
  };
}
