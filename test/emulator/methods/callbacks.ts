import { badRequest, fail } from "../api-error.ts";
import { characterCount } from "../text/format-text.ts";
import type { MethodTable } from "./context.ts";

export const MAX_CALLBACK_ANSWER_LENGTH = 200;

export const QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid";

/** answerCallbackQuery: once per query, its text at most 200 units, like Telegram. */
export const callbackMethods: MethodTable = {
  answerCallbackQuery: ({ params, world }) => {
    const queryId = params.string("callback_query_id") ?? fail(badRequest(QUERY_TOO_OLD));
    const record = world.callbackQueries.get(queryId);
    if (record === undefined || record.answer !== undefined) throw badRequest(QUERY_TOO_OLD);
    const text = params.string("text");
    if (text !== undefined && characterCount(text) > MAX_CALLBACK_ANSWER_LENGTH)
      throw badRequest("MESSAGE_TOO_LONG");
    const url = params.string("url");
    record.answer = {
      queryId,
      showAlert: params.boolean("show_alert"),
      cacheTime: params.integer("cache_time") ?? 0,
      time: world.now(),
      ...(text === undefined ? {} : { text }),
      ...(url === undefined ? {} : { url }),
    };
    world.changes.notify();
    return true;
  },
};
