// A typed line: a message to send, or a demo control (they start with ":").

export type View = "me" | "agents" | "staff";

export type Control =
  | { kind: "nothing" }
  | { kind: "send"; text: string }
  | { kind: "press"; number: number }
  | { kind: "contact"; phone: string | undefined }
  | { kind: "pay" }
  | { kind: "view"; view: View }
  | { kind: "topic"; number: number | undefined }
  | { kind: "help" }
  | { kind: "quit" }
  | { kind: "unknown"; line: string };

export function parseLine(input: string): Control {
  const line = input.trim();
  if (line === "") return { kind: "nothing" };
  // "::" sends the rest with one ":" (":)" would otherwise be a control).
  if (line.startsWith("::")) return { kind: "send", text: line.slice(1) };
  if (!line.startsWith(":")) return { kind: "send", text: line };

  const [word = "", ...args] = line.slice(1).trim().split(/\s+/);
  const command = word.toLowerCase();
  const number = (text: string | undefined) =>
    text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;

  if (number(command) !== undefined && args.length === 0) {
    return { kind: "press", number: Number(command) };
  }
  switch (command) {
    case "press": {
      const n = number(args[0]);
      return n === undefined || args.length > 1
        ? { kind: "unknown", line }
        : { kind: "press", number: n };
    }
    case "contact":
      return { kind: "contact", phone: args.length === 0 ? undefined : args.join("") };
    case "pay":
      return { kind: "pay" };
    case "agents":
    case "support":
      return { kind: "view", view: "agents" };
    case "staff":
    case "office":
      return { kind: "view", view: "staff" };
    case "me":
      return { kind: "view", view: "me" };
    case "topic":
    case "topics": {
      const n = number(args[0]);
      if (args.length > 1 || (args.length === 1 && n === undefined))
        return { kind: "unknown", line };
      return { kind: "topic", number: n };
    }
    case "help":
    case "h":
    case "?":
      return { kind: "help" };
    case "quit":
    case "q":
    case "exit":
      return { kind: "quit" };
    default:
      return { kind: "unknown", line };
  }
}
