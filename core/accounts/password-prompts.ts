// The last prompt for a secret the bot sent to a chat, until its step takes an answer. A text
// that arrives soon after such a prompt while no step is waiting for it (the step was lost) is
// most likely the secret: the bot deletes it instead of handling it.
import type { Db } from "../db.ts";

/** How long after a prompt a lost step's answer is still expected. */
const lostPromptWindowMs = 15 * 60_000;

export async function rememberPasswordPrompt(
  db: Db,
  { chatId, prompt, now = new Date() }: { chatId: number; prompt: string; now?: Date },
): Promise<void> {
  await db.passwordPrompt.upsert({
    where: { chatId: BigInt(chatId) },
    create: { chatId: BigInt(chatId), prompt, sentAt: now },
    update: { prompt, sentAt: now },
  });
}

/** The step took its answer, or was left. */
export async function forgetPasswordPrompt(db: Db, chatId: number): Promise<void> {
  await db.passwordPrompt.deleteMany({ where: { chatId: BigInt(chatId) } });
}

/**
 * The prompt a lost step's answer in this chat belongs to, if one was sent within the window;
 * taken, so only the first message after it is treated so.
 */
export async function takeLostPasswordPrompt(
  db: Db,
  { chatId, now = new Date() }: { chatId: number; now?: Date },
): Promise<string | null> {
  const [taken] = await db.$queryRaw<{ prompt: string; sentAt: Date }[]>`
    DELETE FROM "PasswordPrompt" WHERE "chatId" = ${BigInt(chatId)}
    RETURNING prompt, "sentAt"`;
  if (!taken || taken.sentAt.getTime() <= now.getTime() - lostPromptWindowMs) return null;
  return taken.prompt;
}
