// Anchor B of `npm run bench -- updates`: a bare grammY runner bot doing by hand the I/O an update
// minimally needs: the chat's session read from Redis, one PostgreSQL query (the sender's row, by
// primary key), the session written back, then one answer. What the bot's work would cost with no
// framework of its own around it.
import { Bot } from "grammy";
import { Redis } from "ioredis";
import pg from "pg";
import { anchorBot, serveAnchor } from "./anchor-serve.ts";

const { token, apiRoot } = anchorBot();
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
const redis = new Redis(process.env.REDIS_URL ?? "");
const sessionSeconds = 30 * 24 * 60 * 60;

const bot = new Bot(token, { client: { apiRoot } });
bot.use(async (ctx) => {
  const chatId = ctx.chat?.id ?? ctx.from?.id ?? 0;
  const key = `anchor-session:${chatId}`;
  const session = JSON.parse((await redis.get(key)) ?? "{}") as { seen?: number };
  const { rows } = await pool.query<{ firstName: string }>(
    'SELECT "firstName" FROM "TelegramUser" WHERE id = $1',
    [ctx.from?.id ?? 0],
  );
  session.seen = (session.seen ?? 0) + 1;
  await redis.set(key, JSON.stringify(session), "EX", sessionSeconds);
  const text = `💰 ${rows[0]?.firstName ?? "?"}: ${session.seen}`;
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  else await ctx.reply(text);
});
await serveAnchor(bot, async () => {
  redis.disconnect();
  await pool.end();
});
