// A contract's address as Ubilling's XMLAgent gives it, read into the street, house and flat
// incidents match on. Ubilling builds the profile's `address` from its city, street, build and
// apartment tables: "<city> <street> <build>/<apt>", the city only with CITY_DISPLAY, and with
// ZERO_TOLERANCE apartment 0 (a house of its own) left out together with its slash. With
// UBA_XML_ADDRESS_STRUCT the same four parts come as fields of their own (cityname, streetname,
// buildnum, apt), and then nothing has to be split.
//
// The street and the build are names an operator typed ("ул. Ленина", "52а", "12 корп. 2"), read
// with the provider's own rules (core/addresses/). Anything in doubt is refused with null, the text
// kept: "Ленина 7/1" with ZERO_TOLERANCE is house 7, flat 1 or house 7/1 without a flat.
import {
  isOurTown,
  normalizeHouse,
  normalizeStreet,
  type ParsedAddress,
} from "../../addresses/address.ts";

/** How this Ubilling spells an address: its userstats.ini options. */
export interface UbillingAddressSpelling {
  /** CITY_DISPLAY: the city's name leads the address. */
  cityShown: boolean;
  /** ZERO_TOLERANCE: apartment 0 is left out, slash and all. */
  zeroApartmentHidden: boolean;
}

/** Ubilling's defaults (userstats.ini as shipped). */
export const ubillingDefaultSpelling: UbillingAddressSpelling = {
  cityShown: true,
  zeroApartmentHidden: true,
};

/** The fields UBA_XML_ADDRESS_STRUCT adds; `city` only with CITY_DISPLAY. */
export interface UbillingAddressParts {
  city: string | null;
  street: string;
  build: string;
  apt: string;
}

/** An apartment as Ubilling keeps it: "7", "7а"; "0" and "" are none. */
function readApartment(apt: string): string | null | undefined {
  const text = apt.trim().toLowerCase();
  if (text === "" || /^0+$/.test(text)) return null;
  const match = /^(\d+)\s*-?\s*([а-яё])?$/u.exec(text);
  if (!match) return undefined;
  return `${match[1]}${match[2] ?? ""}`.replace(/ё/g, "е");
}

/** From UBA_XML_ADDRESS_STRUCT's fields: null when the city is another or a part is not read. */
export function readUbillingAddressParts(parts: UbillingAddressParts): ParsedAddress | null {
  if (parts.city !== null && !isOurTown(parts.city)) return null;
  const street = normalizeStreet(parts.street);
  const house = normalizeHouse(parts.build);
  const flat = readApartment(parts.apt);
  if (!street || !house || flat === undefined) return null;
  return { street: street.name, streetKey: street.key, house, flat };
}

/**
 * The one split of "<street> <build>" into a street and a house both read; null when none is,
 * or more than one is (the street's and the build's words cannot be told apart).
 */
function splitStreetAndBuild(text: string): { street: string; build: string } | null {
  const words = text.split(" ");
  let found: { street: string; build: string } | null = null;
  for (let at = 1; at < words.length; at += 1) {
    const street = words.slice(0, at).join(" ");
    const build = words.slice(at).join(" ");
    if (!normalizeStreet(street) || !normalizeHouse(build)) continue;
    if (found) return null;
    found = { street, build };
  }
  return found;
}

/** The profile's `address` string: null when it cannot be read without a guess. */
export function readUbillingAddress(
  text: string | null,
  spelling: UbillingAddressSpelling,
): ParsedAddress | null {
  let rest = (text ?? "").replace(/\s+/g, " ").trim();
  if (rest === "") return null;

  // The city's name is one word or «г. Name»: the first words up to the one that names our town.
  const words = rest.split(" ");
  const cityWords = words.length > 1 && /^(г|гор|город)\.?$/iu.test(words[0] ?? "") ? 2 : 1;
  const city = words.slice(0, cityWords).join(" ");
  if (spelling.cityShown) {
    if (!isOurTown(city)) return null;
    rest = words.slice(cityWords).join(" ");
  } else if (isOurTown(city)) {
    // A city where none is expected: the settings are not this Ubilling's.
    return null;
  }

  const slashes = rest.split("/").length - 1;
  let apartment = "0";
  if (slashes > 0 && (!spelling.zeroApartmentHidden || slashes > 1)) {
    // The last slash comes before the apartment; a build keeps at most one of its own ("7/1").
    const at = rest.lastIndexOf("/");
    apartment = rest.slice(at + 1);
    rest = rest.slice(0, at);
  } else if (slashes === 1 || !spelling.zeroApartmentHidden) {
    // One slash with ZERO_TOLERANCE: "7/1" is a flat or a house; none without it: not Ubilling's.
    return null;
  }
  const parts = splitStreetAndBuild(rest.trim());
  if (!parts) return null;
  return readUbillingAddressParts({ city: null, ...parts, apt: apartment });
}
