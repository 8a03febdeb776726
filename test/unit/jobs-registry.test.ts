import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../core/config.ts";
import { jobs } from "../../core/jobs/registry.ts";
import type { SupportDesk } from "../../core/ports.ts";

describe("the job registry", () => {
  it("schedules every job with a valid cron expression, some of them from the settings", () => {
    const config = loadConfig({
      BOT_TOKEN: "1:aaaaaaaaaaaaaaaaaaaaaaaa",
      REMINDER_CRON: "30 9 * * *",
    });
    for (const [name, job] of Object.entries(jobs)) {
      const schedule = typeof job.schedule === "function" ? job.schedule(config) : job.schedule;
      expect(cron.validate(schedule), name).toBe(true);
    }
    expect(jobs["low-balance-reminders"].schedule(config)).toBe("30 9 * * *");
  });

  it("hands the support jobs to the bot's support desk, and waits for the bot without one", async () => {
    const calls: string[] = [];
    const desk: SupportDesk = {
      alertUnanswered: async () => {
        calls.push("alert");
        return { alerted: 2 };
      },
      closeIdleTickets: async () => {
        calls.push("close");
        return { closed: 1 };
      },
      postIncidentDigests: async () => {
        calls.push("digests");
        return { digests: 1, messages: 3 };
      },
      closeIncidentTopics: async () => {
        calls.push("topics");
        return { topicsClosed: 1 };
      },
    };
    const context = { supportDesk: desk } as unknown as Parameters<
      (typeof jobs)["support-idle"]["run"]
    >[0];
    expect(await jobs["support-unanswered"].run(context)).toEqual({ alerted: 2 });
    expect(await jobs["support-idle"].run(context)).toEqual({ closed: 1 });
    expect(await jobs["incident-digests"].run(context)).toEqual({
      digests: 1,
      messages: 3,
      topicsClosed: 1,
    });
    expect(calls).toEqual(["alert", "close", "digests", "topics"]);
    const withoutBot = { ...context, supportDesk: undefined };
    expect(await jobs["support-idle"].run(withoutBot)).toEqual({ skipped: "runs in the bot" });
  });
});
