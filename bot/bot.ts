// createBot: the middleware in the order that keeps one chat's updates sequential and its state
// consistent, then the features behind an error boundary.
import { conversations } from "@grammyjs/conversations";
import { sequentialize } from "@grammyjs/runner";
import { Bot, session } from "grammy";
import { IncidentsAffecting } from "../core/incidents/affecting.ts";
import { refuseIfCut } from "./api-shutdown.ts";
import { chatKey } from "./chat-key.ts";
import { clockOf } from "./clock.ts";
import type { BotContext, ConversationContext, SessionData } from "./context.ts";
import { conversationApi } from "./conversation-api.ts";
import { conversationI18n } from "./conversation-i18n.ts";
import type { BotDeps } from "./deps.ts";
import { balanceFeature } from "./features/balance.ts";
import { cancelFeature } from "./features/cancel.ts";
import { cardPaymentFeature } from "./features/card-payment.ts";
import { connectFeature } from "./features/connect.ts";
import { contactsFeature } from "./features/contacts.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { freezeFeature } from "./features/freeze.ts";
import { helpFeature } from "./features/help.ts";
import { loginFeature } from "./features/login.ts";
import { logoutFeature } from "./features/logout.ts";
import { lostPasswordStepFeature } from "./features/lost-password-step.ts";
import { menuFeature } from "./features/menu.ts";
import { noticesFeature } from "./features/notice-buttons.ts";
import { passwordFeature } from "./features/password.ts";
import { profileFeature } from "./features/profile.ts";
import { staffAnnounceFeature } from "./features/staff-announce.ts";
import { staffIncidentsFeature } from "./features/staff-incidents.ts";
import { staffRequestsFeature } from "./features/staff-requests.ts";
import { supportFeature } from "./features/support.ts";
import { tariffsFeature } from "./features/tariffs.ts";
import { topUpFeature } from "./features/topup.ts";
import { missingPaymentFeature } from "./features/topup-missing.ts";
import { trustFeature } from "./features/trust.ts";
import { ignoreHarmlessErrors } from "./harmless-api-errors.ts";
import { countCalls, countErrors, countUpdates, noteFeature } from "./metrics-middleware.ts";
import { apologizeAndLog } from "./middleware/error-boundary.ts";
import { floodGuard } from "./middleware/flood-guard.ts";
import { requireSender } from "./middleware/require-sender.ts";
import { markBlockedUsers, reachabilityFeature } from "./reachability.ts";
import { createStorage } from "./storage.ts";
import { answerAtOnce, applyTelegramLimits } from "./telegram-limits.ts";

export function createBot(given: BotDeps): Bot<BotContext> {
  const clock = clockOf(given);
  const deps = {
    ...given,
    clock,
    incidents: given.incidents ?? new IncidentsAffecting(given.db, () => clock().getTime()),
  };
  const { config, redis, logger, i18n } = deps;
  const bot = new Bot<BotContext>(config.botToken, {
    client: { apiRoot: config.telegramApiRoot },
  });
  bot.api.config.use(refuseIfCut);
  applyTelegramLimits(bot.api, config.telegramLimits);
  bot.api.config.use(ignoreHarmlessErrors, markBlockedUsers(deps));
  if (deps.metrics) {
    bot.api.config.use(countCalls(deps.metrics));
    bot.use(countUpdates(deps.metrics, config));
  }
  if (deps.shutdown) bot.api.config.use(deps.shutdown.transformer);

  const sessions = createStorage<SessionData>(redis, "session:", () => ({}));
  bot.use(answerAtOnce);
  bot.use(requireSender(logger));
  // Before the chat's queue and the session: a dropped update waits for nothing and reads nothing.
  bot.use(
    floodGuard({
      limits: config.flood,
      redis,
      i18n,
      logger,
      sessions,
      onDropped: () => deps.metrics?.floodDropped.inc(),
    }),
  );
  bot.use(sequentialize(chatKey));
  bot.use(
    session({
      getSessionKey: chatKey,
      storage: sessions,
    }),
  );
  bot.use(i18n);
  bot.use(
    conversations<BotContext, ConversationContext>({
      storage: {
        type: "key",
        // Raised when a conversation's steps change: one saved by the older steps would replay
        // wrongly. Every conversation in progress is dropped (sign-in, a password step, a top-up
        // amount: the user starts it again); a connection request's draft survives in the database.
        version: 2,
        prefix: "conversation:",
        adapter: createStorage(redis, ""),
      },
      plugins: async (conversation) => [
        ...(await conversationI18n(i18n)(conversation)),
        conversationApi(deps),
      ],
    }),
  );

  if (deps.metrics) bot.use(noteFeature(config));

  const apologize = apologizeAndLog({
    logger,
    i18n,
    outages: deps.outages,
    ...(deps.metrics ? { countError: countErrors(deps.metrics, config) } : {}),
  });
  const features = bot.errorBoundary(apologize);
  const login = loginFeature(deps);
  const logout = logoutFeature(deps);
  const password = passwordFeature(deps);
  const topUp = topUpFeature(deps);
  const missingPayment = missingPaymentFeature(deps);
  const profile = profileFeature(deps);
  const connect = connectFeature(deps);
  const trust = trustFeature(deps);
  const freeze = freezeFeature(deps);
  features.use(reachabilityFeature(deps));
  // Payment updates are handled before any conversation: a payment is never a step's answer.
  features.use(cardPaymentFeature(deps));
  features.use(cancelFeature(deps));
  features.use(login.conversations);
  features.use(logout.conversations);
  features.use(password.conversations);
  features.use(topUp.conversations);
  features.use(missingPayment.conversations);
  features.use(profile.conversations);
  features.use(connect.conversations);
  features.use(freeze.conversations);
  // A password for a step no conversation above is waiting for: deleted, before anything can
  // relay or answer it.
  features.use(lostPasswordStepFeature(deps));
  features.use(menuFeature(deps));
  features.use(login.feature);
  features.use(logout.feature);
  features.use(password.feature);
  features.use(balanceFeature(deps));
  features.use(trust.feature);
  features.use(freeze.feature);
  features.use(topUp.feature);
  features.use(missingPayment.feature);
  features.use(noticesFeature({ ...deps, offers: { topup: topUp.offer, trust: trust.showOffer } }));
  features.use(tariffsFeature(deps));
  features.use(profile.feature);
  features.use(helpFeature());
  features.use(contactsFeature());
  features.use(connect.feature);
  features.use(staffRequestsFeature(deps));
  features.use(staffAnnounceFeature(deps));
  features.use(staffIncidentsFeature(deps));
  // Before the fallback: the agents' group, and subscribers' messages for an open ticket.
  features.use(supportFeature(deps));
  features.use(fallbackFeature());

  bot.catch(apologize);
  return bot;
}
