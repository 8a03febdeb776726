// Closes a resolved incident's topic right after the resolve, in the background, where the bot
// itself resolved it (the staff chat, the monitoring endpoint); what this misses, and resolves from
// the command line, the digests job closes within a minute.
import type { I18n } from "@grammyjs/i18n";
import type { Api } from "grammy";
import { BackgroundTasks } from "../background.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { createIncidentDesk } from "./incident-desk.ts";

export function incidentTopicCloser(
  deps: Pick<BotDeps, "db" | "config" | "logger" | "background" | "clock"> & {
    i18n: I18n<BotContext>;
  },
) {
  const { config, logger } = deps;
  const supportChatId = config.supportChatId;
  const desk = supportChatId === undefined ? undefined : createIncidentDesk(deps, supportChatId);
  const background = deps.background ?? new BackgroundTasks();
  return (api: Api, incidentId?: number) => {
    if (!desk) return;
    background.run(
      async () => {
        await desk.closeResolvedTopics(api, incidentId);
      },
      (error) => logger.warn({ err: error, incidentId }, "incident topic left to the digests job"),
    );
  };
}
