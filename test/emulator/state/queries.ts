import type { CallbackQuery, PreCheckoutQuery } from "grammy/types";

/** What the bot answered to a callback query with answerCallbackQuery. */
export interface CallbackAnswer {
  readonly queryId: string;
  readonly text?: string;
  readonly showAlert: boolean;
  readonly url?: string;
  readonly cacheTime: number;
  readonly time: number;
}

export interface CallbackQueryRecord {
  readonly query: CallbackQuery;
  answer?: CallbackAnswer;
}

export interface PreCheckoutAnswer {
  readonly ok: boolean;
  readonly errorMessage?: string;
}

export interface PreCheckoutRecord {
  readonly query: PreCheckoutQuery;
  answer?: PreCheckoutAnswer;
  /** Set once the answer deadline passed; a late answer is then refused. */
  expired: boolean;
}
