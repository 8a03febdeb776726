// Anchor A of `npm run bench -- updates`: a bare grammY bot that answers every update once and
// does nothing else (no database, no Redis, no middleware): what grammY, Node and the emulator
// cost per update on this machine.
import { Bot } from "grammy";
import { anchorBot, serveAnchor } from "./anchor-serve.ts";

const { token, apiRoot } = anchorBot();
const bot = new Bot(token, { client: { apiRoot } });
bot.on("message", (ctx) => ctx.reply("💰 Баланс: 1 250,00 ₽"));
bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());
await serveAnchor(bot);
