// The bot's log goes to a file, never to the terminal. Without SMTP_URL the bot writes the mails
// it would send (codes to confirm an email or reset a password) to that log: those are shown in
// the terminal as well, as the subscriber would read them in their mailbox.
import { type DestinationStream, pino } from "pino";

export interface DemoMail {
  to: string;
  subject: string;
  text: string;
}

export function botLog(file: string, onMail: (mail: DemoMail) => void): DestinationStream {
  const destination = pino.destination({ dest: file, mkdir: true, sync: true });
  return {
    write(line: string) {
      destination.write(line);
      if (!line.includes('"mail"')) return;
      try {
        const { mail } = JSON.parse(line) as { mail?: Partial<DemoMail> };
        const { to, subject, text } = mail ?? {};
        if (typeof to === "string" && typeof subject === "string" && typeof text === "string") {
          onMail({ to, subject, text });
        }
      } catch {
        // not a record with a mail
      }
    },
  };
}
