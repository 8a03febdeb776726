import cron from "node-cron";
import { describe, expect, it } from "vitest";
import { jobs } from "../../core/jobs/registry.ts";
import type { SupportDesk } from "../../core/ports.ts";

describe("the job registry", () => {
  it("schedules every job with a valid cron expression", () => {
    for (const [name, job] of Object.entries(jobs))
      expect(cron.validate(job.schedule), name).toBe(true);
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
    };
    const context = { supportDesk: desk } as unknown as Parameters<
      (typeof jobs)["support-idle"]["run"]
    >[0];
    expect(await jobs["support-unanswered"].run(context)).toEqual({ alerted: 2 });
    expect(await jobs["support-idle"].run(context)).toEqual({ closed: 1 });
    expect(calls).toEqual(["alert", "close"]);
    const withoutBot = { ...context, supportDesk: undefined };
    expect(await jobs["support-idle"].run(withoutBot)).toEqual({ skipped: "runs in the bot" });
  });
});
