// The outage errors a test cannot easily make happen for real (see
// test/integration/db-outage.test.ts for those it can): shaped as pg and adapter-pg make them.
import { describe, expect, it } from "vitest";
import { isDatabaseUnreachable } from "../../core/db-outage.ts";

const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -1, syscall: "read" });
const serverError = (code: string) =>
  Object.assign(new Error("the server says"), { code, severity: "FATAL" });
const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error("raw query failed"), {
    code: "P2010",
    meta: { driverAdapterError: { name: "DriverAdapterError", cause } },
  });

describe("isDatabaseUnreachable", () => {
  it.each([
    ["the database is starting up (57P03)", serverError("57P03")],
    ["a crash shutdown (57P02)", serverError("57P02")],
    ["a connection failure (08006)", serverError("08006")],
    ["connection refused", socketError("ECONNREFUSED")],
    ["a connection reset", socketError("ECONNRESET")],
    ["Prisma: the server closed the connection", Object.assign(new Error(), { code: "P1017" })],
    ["a closed connection, by the adapter", adapterError({ kind: "ConnectionClosed" })],
    ["a shutdown, by the adapter", adapterError({ kind: "postgres", originalCode: "57P01" })],
    ["one wrapped as a cause", new Error("handler failed", { cause: socketError("ECONNRESET") })],
  ])("%s", (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", serverError("23505")],
    ["a serialization failure", serverError("40001")],
    ["a wrong password", serverError("28P01")],
    ["a query cancelled by a statement timeout (57014)", serverError("57014")],
    ["a record not found", Object.assign(new Error(), { code: "P2025" })],
    ["a unique violation, by the adapter", adapterError({ kind: "UniqueConstraintViolation" })],
    ["no error at all", undefined],
    ["a string", "Connection terminated unexpectedly"],
  ])("not %s", (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});
