// Outgoing mail (recovery and confirmation codes). Without SMTP_URL, mails are written to the log
// (a development set-up: the log then holds the codes), with a warning at start.
import nodemailer from "nodemailer";
import type { Logger } from "./logger.ts";

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

const senderAddress = "Каспнет <noreply@kaspnet.ru>";

export function createMailer(smtpUrl: string | undefined, logger: Logger): Mailer {
  if (!smtpUrl) {
    const outbox = logger.child({ component: "outbox" });
    outbox.warn("SMTP_URL is unset: mails are written to this log instead of being sent");
    return {
      async send(mail) {
        outbox.info({ mail }, "mail not sent (no SMTP_URL)");
      },
      close() {},
    };
  }
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from: senderAddress, ...mail });
    },
    close: () => transport.close(),
  };
}
