import { describe, expect, it } from "vitest";
import { isOurTown } from "../../core/addresses/address.ts";
import {
  readUbillingAddress,
  readUbillingAddressParts,
  type UbillingAddressSpelling,
  ubillingDefaultSpelling,
} from "../../core/billing/ubilling/ubilling-address.ts";

const at = (street: string, streetKey: string, house: string, flat: string | null = null) => ({
  street,
  streetKey,
  house,
  flat,
});

/** CITY_DISPLAY and ZERO_TOLERANCE as userstats.ini sets them. */
const spelling = (cityShown: boolean, zeroApartmentHidden: boolean): UbillingAddressSpelling => ({
  cityShown,
  zeroApartmentHidden,
});

describe("readUbillingAddress", () => {
  it.each([
    // Ubilling's defaults: the city shown, apartment 0 left out.
    ["Каспийск Ленина 52а/7/12", true, true, at("Ленина", "ленина", "52а/7", "12")],
    ["Каспийск Ленина 52а", true, true, at("Ленина", "ленина", "52а")],
    ["г. Каспийск ул. Ленина 12 корп. 2", true, true, at("Ленина", "ленина", "12к2")],
    ["каспийск 8 Марта 5", true, true, at("8 Марта", "8 марта", "5")],
    ["Каспийск  пр. Омарова  5к2", true, true, at("Омарова", "омарова", "5к2")],
    ["Каспийск мкр. 5 12", true, true, at("мкр. 5", "мкр 5", "12")],
    // ZERO_TOLERANCE off: the apartment is always there, 0 for none.
    ["Каспийск Ленина 52а/7", true, false, at("Ленина", "ленина", "52а", "7")],
    ["Каспийск Ленина 52/0", true, false, at("Ленина", "ленина", "52")],
    ["Каспийск Ленина 7/1/9", true, false, at("Ленина", "ленина", "7/1", "9")],
    ["Каспийск Ленина 52/7а", true, false, at("Ленина", "ленина", "52", "7а")],
    // CITY_DISPLAY off: the street comes first.
    ["Ленина 52а/7", false, false, at("Ленина", "ленина", "52а", "7")],
    ["ул. Королёва 3", false, true, at("Королёва", "королева", "3")],
    [
      "Абдулхакима Исмаилова 14 А/3",
      false,
      false,
      at("Абдулхакима Исмаилова", "абдулхакима исмаилова", "14а", "3"),
    ],
  ])("reads %s (city shown %s, zero apartment hidden %s)", (text, city, zero, expected) => {
    expect(readUbillingAddress(text, spelling(city, zero))).toEqual(expected);
  });

  it.each([
    // One slash with ZERO_TOLERANCE: flat 7 of house 52а, or house 52а/7 with none.
    ["Каспийск Ленина 52а/7", ubillingDefaultSpelling],
    // Another town, or no town where CITY_DISPLAY says there is one.
    ["Махачкала Ленина 5/3", spelling(true, false)],
    ["Ленина 5/3", spelling(true, false)],
    // A town where CITY_DISPLAY says there is none: the settings are not this Ubilling's.
    ["Каспийск Ленина 5/3", spelling(false, false)],
    // No apartment part where ZERO_TOLERANCE is off.
    ["Каспийск Ленина 5", spelling(true, false)],
    // No house, a house that is not one, an apartment that is not one.
    ["Каспийск Ленина", ubillingDefaultSpelling],
    ["Каспийск Ленина 5 1", ubillingDefaultSpelling],
    ["Каспийск Ленина 5/оф. 3", spelling(true, false)],
    ["Каспийск Ленина 5/7/8/9", ubillingDefaultSpelling],
    // Nothing at all (a subscriber without an address row gets null).
    ["", ubillingDefaultSpelling],
    [null, ubillingDefaultSpelling],
    ["Каспийск", ubillingDefaultSpelling],
  ])("refuses %s", (text, how) => {
    expect(readUbillingAddress(text, how)).toBeNull();
  });
});

describe("readUbillingAddressParts (UBA_XML_ADDRESS_STRUCT)", () => {
  it("reads the parts with no split to guess, apartment 0 as none", () => {
    expect(
      readUbillingAddressParts({ city: "Каспийск", street: "Ленина", build: "52а/7", apt: "0" }),
    ).toEqual(at("Ленина", "ленина", "52а/7"));
    expect(
      readUbillingAddressParts({ city: null, street: "ул. Ленина", build: "52 А", apt: "7" }),
    ).toEqual(at("Ленина", "ленина", "52а", "7"));
  });

  it("refuses another town and parts it cannot read", () => {
    const parts = { city: "Каспийск", street: "Ленина", build: "5", apt: "3" };
    expect(readUbillingAddressParts({ ...parts, city: "Махачкала" })).toBeNull();
    expect(readUbillingAddressParts({ ...parts, street: "" })).toBeNull();
    expect(readUbillingAddressParts({ ...parts, build: "дом у реки" })).toBeNull();
    expect(readUbillingAddressParts({ ...parts, apt: "офис" })).toBeNull();
  });
});

describe("isOurTown", () => {
  it.each(["Каспийск", "г. Каспийск", "город Каспийск", "КАСПИЙСК", "Каспийск г."])(
    "knows %s",
    (name) => expect(isOurTown(name)).toBe(true),
  );
  it.each(["Махачкала", "г. Махачкала", "", "Каспийск Ленина", "г"])("refuses %s", (name) =>
    expect(isOurTown(name)).toBe(false),
  );
});
