// announce --text-file F [--all | --news-opt-in] [--again]: one message to every reachable
// subscriber (--all) or to those with news on (the default), sent through the outbox with the
// bot's limits; progress on stderr, the report on stdout. Run again after a crash, the same
// command resumes the same announcement; once it went out, it is refused unless --again.
import { setTimeout as sleep } from "node:timers/promises";
import {
  type AnnouncementProgress,
  announce,
  announcementText,
  progressOf,
} from "../../../core/notify/announcements.ts";
import { loadJobConfig } from "../config.ts";
import { formatInstant } from "../format.ts";
import { type AdminCommand, exitCode, parseCommandLine, UsageError } from "../io.ts";
import { operatorTelegram } from "../telegram.ts";
import { readImportFile } from "./read-file.ts";

const progressEveryMs = 5000;

const progressLine = (progress: AnnouncementProgress) =>
  `sent ${progress.sent}, failed ${progress.failed}, unconfirmed ${progress.unconfirmed}, left ${progress.left} of ${progress.recipients}`;

export const announceCommand: AdminCommand = {
  name: "announce",
  usage: "announce --text-file <file> [--all | --news-opt-in] [--again]",
  summary: "sends an announcement to subscribers with news on (or --all), with a report",
  async run(args, { io, db }) {
    const { values } = parseCommandLine(this, args, {
      options: {
        "text-file": { type: "string" },
        all: { type: "boolean" },
        "news-opt-in": { type: "boolean" },
        again: { type: "boolean" },
      },
      positionals: [],
    });
    const file = values["text-file"];
    if (file === undefined) {
      throw new UsageError(
        `announce: missing --text-file <file>; usage: npm run admin -- ${this.usage}`,
      );
    }
    if (values.all && values["news-opt-in"]) {
      throw new UsageError("announce: --all or --news-opt-in, not both");
    }
    const text = announcementText.safeParse(await readImportFile(file));
    if (!text.success) throw new UsageError(`${file}: ${text.error.issues[0]?.message}`);
    const config = loadJobConfig(io.env);
    if (!config.botToken) {
      throw new UsageError("announce: BOT_TOKEN is needed to send to Telegram");
    }

    const database = await db();
    const result = await announce(database, {
      text: text.data,
      audience: values.all ? "ALL" : "NEWS_OPT_IN",
      createdBy: "operator",
      timeZone: config.timeZone,
      again: values.again ?? false,
    });
    if (result.outcome === "not-found") throw new Error("the announcement vanished");
    if (result.outcome === "already-sent") {
      throw new UsageError(
        `announcement #${result.progress.id} with this text went out on ${formatInstant(result.confirmedAt, config.timeZone)} ` +
          `(${progressLine(result.progress)}); add --again to send it once more`,
      );
    }
    const { id } = result.progress;
    io.err(
      result.outcome === "resumed"
        ? `resuming announcement #${id}: ${progressLine(result.progress)}`
        : `announcement #${id} to ${result.progress.recipients} subscribers`,
    );

    const telegram = await operatorTelegram(config, database);
    const show = async () => io.err(`#${id}: ${progressLine(await progressOf(database, id))}`);
    let shownAt = Date.now();
    try {
      const delivery = await telegram.deliver({
        onProgress: () => {
          if (Date.now() - shownAt < progressEveryMs) return;
          shownAt = Date.now();
          show().catch(() => {});
        },
      });
      if ("delivery" in delivery) {
        io.err(`#${id}: another process is sending the outbox; following its progress`);
        while ((await progressOf(database, id)).left > 0) {
          await sleep(progressEveryMs);
          await show();
        }
      }
    } finally {
      await telegram.close();
    }
    const report = await progressOf(database, id);
    io.out(`announcement #${id} done: ${progressLine(report)}`);
    return report.left === 0 ? exitCode.ok : exitCode.failed;
  },
};
