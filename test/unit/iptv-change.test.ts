// What choosing an IPTV package (or none) means, given the contract's package and pending change.
import { describe, expect, it } from "vitest";
import { decideIptvChange } from "../../core/billing/tariffs.ts";

describe("an IPTV choice", () => {
  const none = { current: null, pending: null };
  const basic = { current: "basic", pending: null };

  it("schedules a package or its removal that differs from the current one", () => {
    expect(decideIptvChange(none, "basic")).toBe("schedule");
    expect(decideIptvChange(basic, "extended")).toBe("schedule");
    expect(decideIptvChange(basic, null)).toBe("schedule");
  });

  it("replaces a pending change with another choice", () => {
    expect(decideIptvChange({ current: "basic", pending: { to: "extended" } }, null)).toBe(
      "schedule",
    );
    expect(decideIptvChange({ current: "basic", pending: { to: null } }, "extended")).toBe(
      "schedule",
    );
    expect(decideIptvChange({ current: null, pending: { to: "basic" } }, "extended")).toBe(
      "schedule",
    );
  });

  it("clears a pending change when the current package (or none) is chosen again", () => {
    expect(decideIptvChange({ current: "basic", pending: { to: "extended" } }, "basic")).toBe(
      "clear",
    );
    expect(decideIptvChange({ current: "basic", pending: { to: null } }, "basic")).toBe("clear");
    expect(decideIptvChange({ current: null, pending: { to: "basic" } }, null)).toBe("clear");
  });

  it("changes nothing for what the contract already has or has already chosen", () => {
    expect(decideIptvChange(basic, "basic")).toBe("same");
    expect(decideIptvChange(none, null)).toBe("same");
    expect(decideIptvChange({ current: "basic", pending: { to: null } }, null)).toBe(
      "already-scheduled",
    );
    expect(decideIptvChange({ current: null, pending: { to: "basic" } }, "basic")).toBe(
      "already-scheduled",
    );
  });
});
