// The last prompt for a secret the bot sent to a chat, until its step takes an answer. A text
// that arrives soon after such a prompt while no step is waiting for it (the step was lost) is
// most likely the secret, unless the user moved on since: the bot deletes it instead of handling it.
import type { Db } from "../db.ts";

/** How long after a prompt a lost step's answer is still expected. */
const lostPromptWindowMs = 15 * 60_000;

export interface LostPasswordPrompt {
  prompt: string;
  /** The update the prompt was sent in: the chat's updates after it tell whether the user moved on. */
  updateId: number;
}

export async function rememberPasswordPrompt(
  db: Db,
  {
    chatId,
    prompt,
    updateId,
    now = new Date(),
  }: { chatId: number; prompt: string; updateId: number; now?: Date },
): Promise<void> {
  await db.passwordPrompt.upsert({
    where: { chatId: BigInt(chatId) },
    create: { chatId: BigInt(chatId), prompt, sentAt: now, updateId },
    update: { prompt, sentAt: now, updateId },
  });
}

/**
 * The step is still waiting after this update (it turned it down with a hint): whatever it was, the
 * user did not move on by it.
 */
export async function keepPasswordPrompt(
  db: Db,
  { chatId, updateId }: { chatId: number; updateId: number },
): Promise<void> {
  await db.passwordPrompt.updateMany({ where: { chatId: BigInt(chatId) }, data: { updateId } });
}

/** The step took its answer, or was left. */
export async function forgetPasswordPrompt(db: Db, chatId: number): Promise<void> {
  await db.passwordPrompt.deleteMany({ where: { chatId: BigInt(chatId) } });
}

/**
 * The prompt a lost step's answer in this chat may belong to, if one was sent within the window;
 * taken, so only the first message after it is treated so.
 */
export async function takeLostPasswordPrompt(
  db: Db,
  { chatId, now = new Date() }: { chatId: number; now?: Date },
): Promise<LostPasswordPrompt | null> {
  const [taken] = await db.$queryRaw<{ prompt: string; sentAt: Date; updateId: number }[]>`
    DELETE FROM "PasswordPrompt" WHERE "chatId" = ${BigInt(chatId)}
    RETURNING prompt, "sentAt", "updateId"`;
  if (!taken || taken.sentAt.getTime() <= now.getTime() - lostPromptWindowMs) return null;
  return { prompt: taken.prompt, updateId: taken.updateId };
}
