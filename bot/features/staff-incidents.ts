// /incident and /incidents in the staff chat. /incident with its form (staff-incident-form.ts)
// makes a draft and shows, before anything is sent, what subscribers will read and how many
// contracts and subscribers it reaches, with a button to open it; /incidents lists the open ones
// with buttons to move the ETA and to resolve. Only members of the staff chat may do either,
// checked at each command and each press (bot/chat-membership.ts).
import { Composer, InlineKeyboard } from "grammy";
import { findSuggestion, type Suggestion } from "../../core/incidents/clusters.ts";
import { readEta } from "../../core/incidents/eta.ts";
import {
  changeEta,
  draftIncident,
  dropDraft,
  findIncident,
  type Incident,
  incidentText,
  openIncident,
  openIncidents,
  progressOfIncident,
  reachOf,
  resolveIncident,
  type StepResult,
} from "../../core/incidents/incidents.ts";
import { scopeProblem } from "../../core/incidents/known-scope.ts";
import { readScope } from "../../core/incidents/scope-input.ts";
import { buttonFamily, idField, onButton, oneOfField } from "../buttons.ts";
import { clockOf } from "../clock.ts";
import type { BotContext } from "../context.ts";
import type { BotDeps } from "../deps.ts";
import { formatDateTime } from "../format.ts";
import { incidentEntry, incidentServices, incidentWhere } from "../incident-words.ts";
import { noticeMessage } from "../notice-messages.ts";
import { outboxFlush } from "../outbox-flush.ts";
import { incidentTopicCloser } from "./incident-topic-closer.ts";
import { type StaffDeps, staffMembership, staffName, staffText } from "./staff-chat.ts";
import { readIncidentForm } from "./staff-incident-form.ts";

/** `inc:<id>:<open|drop|resolve|resolved|keep>`: the draft's and the list's buttons. */
const stepButton = buttonFamily("inc", {
  incidentId: idField(),
  step: oneOfField(["open", "drop", "resolve", "resolved", "keep"]),
});
const etaSteps = ["30", "60", "120", "240"] as const;
/** `inc-eta:<id>:<minutes>`: the ETA moved on by so many minutes. */
const etaButton = buttonFamily("inc-eta", { incidentId: idField(), minutes: oneOfField(etaSteps) });

/** `incs:<suggestion id>`: open a draft for a suggested cluster. */
const suggestionButton = buttonFamily("incs", { suggestionId: idField() });
const suggestedEtaMs = 2 * 3600_000;

/** The staff chat's message about a cluster of "no internet" no incident covers. */
export function suggestionMessage(
  t: (key: string, variables?: Record<string, string | number>) => string,
  suggestion: Suggestion,
) {
  const where =
    suggestion.house === null
      ? t("incident-where-street", { street: suggestion.street.name })
      : t("incident-where-houses", { street: suggestion.street.name, houses: suggestion.house });
  return {
    text: t("incident-suggestion", {
      count: suggestion.reports,
      where,
      minutes: suggestion.minutes,
    }),
    reply_markup: new InlineKeyboard().text(
      t("incident-suggestion-open"),
      suggestionButton.pack({ suggestionId: suggestion.id }),
    ),
  };
}

export function staffIncidentsFeature(
  deps: StaffDeps & Pick<BotDeps, "redis" | "background" | "incidents" | "clock">,
) {
  const { db, config } = deps;
  const t = staffText(deps);
  const feature = new Composer<BotContext>();
  const chatId = config.staffChatId;
  if (chatId === undefined) return feature;
  const staffChat = feature.filter((ctx) => ctx.chat?.id === chatId);
  const isStaff = staffMembership(deps, chatId);
  const flush = outboxFlush(deps);
  const now = clockOf(deps);
  const closeTopic = incidentTopicCloser(deps);
  const at = (instant: Date) => formatDateTime(instant, config.timeZone);

  const whereText = (incident: Pick<Incident, "scope">) => incidentWhere(t, incident);
  const servicesText = (incident: Pick<Incident, "services">) => incidentServices(t, incident);

  async function listEntry(incident: Incident) {
    const progress = await progressOfIncident(db, incident.id);
    return {
      text: incidentEntry(t, incident, progress, config.timeZone),
      reply_markup: listButtons(incident.id),
    };
  }
  const listButtons = (incidentId: number) => {
    const keyboard = new InlineKeyboard();
    for (const minutes of etaSteps) {
      keyboard.text(t("incident-eta-plus", { minutes }), etaButton.pack({ incidentId, minutes }));
    }
    return keyboard
      .row()
      .text(t("incident-resolve"), stepButton.pack({ incidentId, step: "resolve" }));
  };

  /** The draft as subscribers will read it, whom it reaches, and the buttons to open or drop it. */
  async function showPreview(ctx: BotContext, draft: Incident) {
    const reach = await reachOf(db, draft.scope, draft.services);
    const notice = noticeMessage(
      t,
      {
        kind: "incident-opened",
        incidentId: draft.id,
        text: draft.text,
        since: now(),
        eta: draft.eta,
      },
      config.timeZone,
    );
    await ctx.reply(
      t("incident-preview", {
        id: String(draft.id),
        where: whereText(draft),
        services: servicesText(draft),
        eta: at(draft.eta),
        contracts: reach.contracts,
        subscribers: reach.subscribers,
        notice: notice.text,
      }),
      {
        reply_markup: new InlineKeyboard()
          .text(
            t("incident-open", { count: reach.subscribers }),
            stepButton.pack({ incidentId: draft.id, step: "open" }),
          )
          .row()
          .text(t("incident-drop"), stepButton.pack({ incidentId: draft.id, step: "drop" })),
      },
    );
  }

  // A suggestion's button: a draft for its street or house, an ETA two hours ahead and a general
  // text, shown as any draft is; a member who knows more drops it and writes /incident.
  onButton(staffChat, suggestionButton, async (ctx, { suggestionId }) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: t("incident-staff-only"), show_alert: true });
      return;
    }
    const suggestion = await findSuggestion(db, suggestionId);
    if (!suggestion) {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    await ctx.answerCallbackQuery();
    const street = { name: suggestion.street, key: suggestion.streetKey };
    const draft = await draftIncident(db, {
      scope:
        suggestion.house === null
          ? { kind: "STREETS", streets: [street] }
          : { kind: "HOUSES", street, houses: [suggestion.house] },
      services: ["INTERNET"],
      eta: new Date(now().getTime() + suggestedEtaMs),
      text: t("incident-suggested-text"),
      createdBy: staffName(ctx.from),
    });
    await showPreview(ctx, draft);
  });

  staffChat.command("incident", async (ctx) => {
    if (!ctx.from || !(await isStaff(ctx))) {
      await ctx.reply(t("incident-staff-only"));
      return;
    }
    const form = readIncidentForm(ctx.match);
    if ("problem" in form) {
      await ctx.reply(
        form.problem === "empty"
          ? t("incident-how")
          : `${t("incident-bad-line", { line: form.line })}\n\n${t("incident-how")}`,
      );
      return;
    }
    const scope = readScope(form.form);
    if ("problem" in scope) {
      const problems = {
        none: "incident-scope-none",
        "city-and-streets": "incident-scope-city-and-streets",
        "houses-need-one-street": "incident-scope-houses-one-street",
        "unreadable-street": "incident-scope-unreadable-street",
        "unreadable-house": "incident-scope-unreadable-house",
      } as const;
      await ctx.reply(t(problems[scope.problem], { text: "text" in scope ? scope.text : "" }));
      return;
    }
    const known = await scopeProblem(db, scope.scope);
    if (known) {
      await ctx.reply(
        known.problem === "unknown-street"
          ? t("incident-unknown-street", { street: known.street })
          : t("incident-unknown-houses", { street: known.street, houses: known.houses.join(", ") }),
      );
      return;
    }
    if (form.form.eta === undefined) {
      await ctx.reply(t("incident-eta-missing"));
      return;
    }
    const eta = readEta(form.form.eta, now(), config.timeZone);
    if ("problem" in eta) {
      const problems = {
        unreadable: "incident-eta-unreadable",
        past: "incident-eta-past",
        "too-far": "incident-eta-too-far",
      } as const;
      await ctx.reply(t(problems[eta.problem], { eta: form.form.eta }));
      return;
    }
    const text = incidentText.safeParse(form.form.text);
    if (!text.success) {
      await ctx.reply(t("incident-text-missing"));
      return;
    }
    const draft = await draftIncident(db, {
      scope: scope.scope,
      services: form.form.services,
      eta: eta.eta,
      text: text.data,
      createdBy: staffName(ctx.from),
    });
    await showPreview(ctx, draft);
  });

  staffChat.command("incidents", async (ctx) => {
    if (!ctx.from || !(await isStaff(ctx))) {
      await ctx.reply(t("incident-staff-only"));
      return;
    }
    const open = await openIncidents(db);
    if (open.length === 0) {
      await ctx.reply(t("incident-none-open"));
      return;
    }
    for (const incident of open) {
      const { text, reply_markup } = await listEntry(incident);
      await ctx.reply(text, { reply_markup });
    }
  });

  /** The answer to a press that moved an incident (or found it moved). */
  async function answerStep(
    ctx: BotContext,
    result: StepResult,
    done: (incident: Incident, notices: number) => string,
  ) {
    if (result.outcome === "not-found") {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (result.outcome !== "done") {
      await ctx.answerCallbackQuery({
        text: t("incident-step-taken", { id: String(result.incident.id) }),
        show_alert: true,
      });
      return;
    }
    deps.incidents?.forget();
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(done(result.incident, result.notices));
    flush(ctx.api);
  }

  onButton(staffChat, stepButton, async (ctx, { incidentId, step }) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: t("incident-staff-only"), show_alert: true });
      return;
    }
    const by = staffName(ctx.from);
    const stepInput = { id: incidentId, by, timeZone: config.timeZone, now: now() };
    if (step === "open") {
      await answerStep(ctx, await openIncident(db, stepInput), (incident, notices) =>
        t("incident-opened", {
          id: String(incident.id),
          where: whereText(incident),
          eta: at(incident.eta),
          notices,
          by,
        }),
      );
      return;
    }
    const incident = await findIncident(db, incidentId);
    if (!incident) {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    if (step === "drop") {
      await ctx.answerCallbackQuery();
      if (incident.status === "DRAFT") {
        await dropDraft(db, incidentId);
        await ctx.editMessageText(t("incident-dropped", { id: String(incidentId) }));
      }
      return;
    }
    if (step === "resolve") {
      await ctx.answerCallbackQuery();
      const progress = await progressOfIncident(db, incidentId);
      await ctx.editMessageText(
        t("incident-resolve-confirm", {
          id: String(incidentId),
          told: progress.told,
          wrote: progress.wrote,
        }),
        {
          reply_markup: new InlineKeyboard()
            .text(t("incident-resolve-yes"), stepButton.pack({ incidentId, step: "resolved" }))
            .text(t("incident-resolve-no"), stepButton.pack({ incidentId, step: "keep" })),
        },
      );
      return;
    }
    if (step === "keep") {
      await ctx.answerCallbackQuery();
      const { text, reply_markup } = await listEntry(incident);
      await ctx.editMessageText(text, { reply_markup });
      return;
    }
    const resolving = await resolveIncident(db, stepInput);
    await answerStep(ctx, resolving, (resolved, notices) =>
      t("incident-resolved", { id: String(resolved.id), notices, by }),
    );
    if (resolving.outcome === "done") closeTopic(ctx.api, incidentId);
  });

  onButton(staffChat, etaButton, async (ctx, { incidentId, minutes }) => {
    if (!(await isStaff(ctx))) {
      await ctx.answerCallbackQuery({ text: t("incident-staff-only"), show_alert: true });
      return;
    }
    const incident = await findIncident(db, incidentId);
    if (!incident) {
      await ctx.answerCallbackQuery(t("button-outdated"));
      return;
    }
    // From the ETA, or from now when it has passed already.
    const from = Math.max(incident.eta.getTime(), now().getTime());
    const eta = new Date(from + Number(minutes) * 60_000);
    const result = await changeEta(db, {
      id: incidentId,
      eta,
      by: staffName(ctx.from),
      timeZone: config.timeZone,
      now: now(),
    });
    if (result.outcome !== "done") {
      await answerStep(ctx, result, () => "");
      return;
    }
    deps.incidents?.forget();
    await ctx.answerCallbackQuery(
      t("incident-eta-changed", { eta: at(result.incident.eta), notices: result.notices }),
    );
    const { text, reply_markup } = await listEntry(result.incident);
    await ctx.editMessageText(text, { reply_markup });
    flush(ctx.api);
  });

  return feature;
}
