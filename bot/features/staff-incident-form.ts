// The staff chat's /incident form: one line per field, in Russian as the staff chat reads
//   /incident
//   Улица: Ленина            (or «Где: весь город»; several streets with «;»)
//   Дома: 52а, 54            (optional: only these houses of the one street)
//   Услуги: интернет, ТВ     (optional: internet)
//   Срок: 18:30              (or 04.12 10:00)
//   Текст: Повреждён кабель, бригада на месте.
// Read into the words core reads a scope and an ETA from; what is wrong comes back named.
import type { Service } from "../../core/incidents/scope.ts";
import { listItems, type ScopeWords } from "../../core/incidents/scope-input.ts";

export interface IncidentForm extends ScopeWords {
  services: Service[];
  eta: string | undefined;
  text: string;
}

export type FormReading =
  | { form: IncidentForm }
  | { problem: "empty" }
  | { problem: "field"; line: string };

const fields = {
  where: /^(?:где|адрес|улиц[аы]|street|streets|where)$/,
  houses: /^(?:дом|дома|houses?)$/,
  services: /^(?:услуг[аи]|services?)$/,
  eta: /^(?:срок|eta|до)$/,
  text: /^(?:текст|text)$/,
};
const city = /^(?:весь\s+)?город$|^(?:whole\s+)?city$/i;
const serviceWords: Record<string, Service> = {
  интернет: "INTERNET",
  internet: "INTERNET",
  тв: "IPTV",
  iptv: "IPTV",
  телевидение: "IPTV",
  tv: "IPTV",
};

/** The form after the command; the text may run over several lines. */
export function readIncidentForm(body: string): FormReading {
  const form: IncidentForm = { services: [], eta: undefined, text: "" };
  let inText = false;
  let any = false;
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (line === "") continue;
    const match = /^([^:]{1,20}):\s*(.*)$/.exec(line);
    const name = match?.[1]?.trim().toLowerCase();
    const field = name && Object.entries(fields).find(([, pattern]) => pattern.test(name))?.[0];
    if (!match || !field) {
      if (!inText) return { problem: "field", line };
      form.text += `\n${line}`;
      continue;
    }
    any = true;
    inText = false;
    const value = match[2]?.trim() ?? "";
    if (field === "where") {
      if (city.test(value)) form.city = true;
      else
        form.streets = value
          .split(";")
          .map((street) => street.trim())
          .filter(Boolean);
    } else if (field === "houses") form.houses = listItems(value);
    else if (field === "services") {
      for (const word of listItems(value)) {
        const service = serviceWords[word.toLowerCase()];
        if (!service) return { problem: "field", line };
        if (!form.services.includes(service)) form.services.push(service);
      }
    } else if (field === "eta") form.eta = value;
    else {
      form.text = value;
      inText = true;
    }
  }
  if (!any) return { problem: "empty" };
  if (form.services.length === 0) form.services = ["INTERNET"];
  return { form };
}
