// What an incident covers: the whole city, some streets, or some houses of one street, and which
// services are down. Contracts are matched on their structured address (core/addresses/); a
// contract whose address could not be parsed is reached only by a city-wide incident.

import { Prisma } from "../generated/prisma/client.ts";
import type { TariffKind } from "../generated/prisma/enums.ts";

export type Service = TariffKind;
export const services = ["INTERNET", "IPTV"] as const satisfies readonly Service[];

export interface Street {
  /** As shown: «Ленина». */
  name: string;
  /** As matched: «ленина». */
  key: string;
}

export type Scope =
  | { kind: "CITY" }
  | { kind: "STREETS"; streets: Street[] }
  | { kind: "HOUSES"; street: Street; houses: string[] };

/** The scope as an incident row stores it. */
export function scopeColumns(scope: Scope) {
  switch (scope.kind) {
    case "CITY":
      return { scope: scope.kind, streetKeys: [], streetNames: [], houses: [] };
    case "STREETS":
      return {
        scope: scope.kind,
        streetKeys: scope.streets.map((street) => street.key),
        streetNames: scope.streets.map((street) => street.name),
        houses: [],
      };
    case "HOUSES":
      return {
        scope: scope.kind,
        streetKeys: [scope.street.key],
        streetNames: [scope.street.name],
        houses: scope.houses,
      };
  }
}

export interface ScopeColumns {
  scope: Scope["kind"];
  streetKeys: string[];
  streetNames: string[];
  houses: string[];
}

/** The stored columns back as a scope. */
export function scopeOf(row: ScopeColumns): Scope {
  const streets = row.streetKeys.map((key, index) => ({
    key,
    name: row.streetNames[index] ?? key,
  }));
  if (row.scope === "STREETS") return { kind: "STREETS", streets };
  const [street] = streets;
  if (row.scope === "HOUSES" && street) return { kind: "HOUSES", street, houses: row.houses };
  return { kind: "CITY" };
}

/**
 * The condition on `a` ("Account") for the contracts the incident reaches: working contracts (a
 * blocked or closed one has no service to lose) in the scope, with the service: everyone has
 * internet, only those with a package have IPTV.
 */
export function affectedAccounts(scope: Scope, down: readonly Service[]): Prisma.Sql {
  const where = [Prisma.sql`a.status = 'ACTIVE'`];
  if (scope.kind === "STREETS") {
    where.push(Prisma.sql`a."streetKey" = ANY(${scope.streets.map((street) => street.key)})`);
  }
  if (scope.kind === "HOUSES") {
    where.push(Prisma.sql`a."streetKey" = ${scope.street.key} AND a.house = ANY(${scope.houses})`);
  }
  if (!down.includes("INTERNET")) where.push(Prisma.sql`a."iptvTariffId" IS NOT NULL`);
  return Prisma.join(where, " AND ");
}

export interface MatchedAccount {
  status: string;
  streetKey: string | null;
  house: string | null;
  iptvTariffId: number | null;
}

/** Whether the account is in the incident: affectedAccounts for one account already read. */
export function covers(scope: Scope, down: readonly Service[], account: MatchedAccount): boolean {
  if (account.status !== "ACTIVE") return false;
  if (!down.includes("INTERNET") && account.iptvTariffId === null) return false;
  switch (scope.kind) {
    case "CITY":
      return true;
    case "STREETS":
      return scope.streets.some((street) => street.key === account.streetKey);
    case "HOUSES":
      return (
        scope.street.key === account.streetKey &&
        account.house !== null &&
        scope.houses.includes(account.house)
      );
  }
}
