// A scope as people and monitors write it (the staff chat's form, the command line, the
// monitoring endpoint): the whole city, or streets, or houses of one street, in the usual
// spellings; read with the contracts' own address rules, so "ул. Ленина" meets «Ленина».
import { normalizeHouse, normalizeStreet } from "../addresses/address.ts";
import type { Scope, Street } from "./scope.ts";

export interface ScopeWords {
  city?: boolean;
  streets?: string[];
  houses?: string[];
}

export type ScopeReading =
  | { scope: Scope }
  | { problem: "none" | "city-and-streets" | "houses-need-one-street" }
  | { problem: "unreadable-street" | "unreadable-house"; text: string };

export function readScope(words: ScopeWords): ScopeReading {
  const streetTexts = (words.streets ?? []).map((text) => text.trim()).filter(Boolean);
  const houseTexts = (words.houses ?? []).map((text) => text.trim()).filter(Boolean);
  if (words.city) {
    return streetTexts.length > 0 || houseTexts.length > 0
      ? { problem: "city-and-streets" }
      : { scope: { kind: "CITY" } };
  }
  if (streetTexts.length === 0)
    return { problem: houseTexts.length > 0 ? "houses-need-one-street" : "none" };
  const streets: Street[] = [];
  for (const text of streetTexts) {
    const street = normalizeStreet(text);
    if (!street) return { problem: "unreadable-street", text };
    if (!streets.some((known) => known.key === street.key)) streets.push(street);
  }
  if (houseTexts.length === 0) return { scope: { kind: "STREETS", streets } };
  const [street] = streets;
  if (streets.length > 1 || !street) return { problem: "houses-need-one-street" };
  const houses: string[] = [];
  for (const text of houseTexts) {
    const house = normalizeHouse(text);
    if (!house) return { problem: "unreadable-house", text };
    if (!houses.includes(house)) houses.push(house);
  }
  return { scope: { kind: "HOUSES", street, houses } };
}

/** "ул. Ленина, 52а, 54" style lists split into their items. */
export const listItems = (text: string) =>
  text
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter(Boolean);
