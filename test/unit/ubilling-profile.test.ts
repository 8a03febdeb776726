// The XMLAgent profile as the adapter reads it: the example of docs/ubilling-api.md, and the
// credit expiry Ubilling writes as dd-mm-YYYY, "No", or a zero date left in an old row.
import { describe, expect, it } from "vitest";
import { profileSchema } from "../../core/billing/ubilling/xmlagent-schemas.ts";

const example = {
  address: "Main st 5/12",
  realname: "Ivan P",
  login: "ivan01",
  cash: -12.5,
  ip: "10.0.1.5",
  phone: "",
  mobile: "+380501112233",
  email: "",
  credit: "0",
  creditexpire: "No",
  payid: "2831920123",
  contract: "1001",
  contractdate: "2023-01-10",
  tariff: "Unlim-100",
  tariffalias: "Unlim-100",
  tariffnm: "No",
  traffdownload: "3.2 Gb",
  traffupload: "0.4 Gb",
  trafftotal: "3.6 Gb",
  accountstate: "active",
  accountexpire: "debt",
  payedtilldate: "none",
  payedtillvsrvincluded: 0,
  vservicescost: 0,
  currency: "UAH",
  version: "2",
};

describe("the XMLAgent profile", () => {
  it("reads the documented example", () => {
    expect(profileSchema.parse(example)).toMatchObject({
      login: "ivan01",
      balanceKopecks: -1250,
      creditExpires: null,
    });
  });

  it("reads UBA_XML_ADDRESS_STRUCT's parts when sent, numbers too, and none without them", () => {
    expect(profileSchema.parse(example).addressParts).toBeNull();
    const parts = { cityname: "Каспийск", streetname: "Ленина", buildnum: 52, apt: 7 };
    expect(profileSchema.parse({ ...example, ...parts }).addressParts).toEqual({
      city: "Каспийск",
      street: "Ленина",
      build: "52",
      apt: "7",
    });
    // No cityname without CITY_DISPLAY.
    const { cityname: _, ...noCity } = parts;
    expect(profileSchema.parse({ ...example, ...noCity }).addressParts?.city).toBeNull();
  });

  it("reads a credit's expiry, and a zero date as none", () => {
    const read = (creditexpire: string) =>
      profileSchema.parse({ ...example, creditexpire }).creditExpires;
    expect(read("05-12-2026")).toBe("2026-12-05");
    expect(read("00-00-0000")).toBeNull();
    expect(read("31-02-2026")).toBeNull();
  });
});
