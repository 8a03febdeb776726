// Kaspiysk addresses as the provider writes them ("г. Каспийск, ул. Ленина, д. 12, кв. 34",
// "Ленина 52А-7", "проспект Омарова 5 корп. 2") read into the street, house and flat incidents
// match on. Pure: no I/O. An address read with any doubt (no house, two streets, another town,
// a word it does not know) is refused with null: a wrong house is worse than none, as the text
// is kept and a city-wide incident still reaches the contract.
//
// The street's kind (ул., пр-т, пер., …) is left out of both its name and its key: «ул. Ленина»
// and «пр. Ленина» are one street here. Streets of different kinds with the same name are rare in
// Kaspiysk, and the kind is the part people leave out or get wrong most often.

export interface StreetName {
  /** As shown: «Ленина». */
  name: string;
  /** As matched: «ленина» (lower case, ё → е, single spaces, no dots). */
  key: string;
}

export interface ParsedAddress {
  street: string;
  streetKey: string;
  /** "52а", "10к2", "10с3", "7/1": lower case, no spaces. */
  house: string;
  flat: string | null;
}

type Token =
  | { kind: "word"; text: string; bare: string; dotted: boolean }
  | { kind: "number"; text: string }
  | { kind: "ordinal"; text: string }
  | { kind: "mark"; text: "," | "-" | "/" }
  | { kind: "other"; text: string };

/** A street's kind as written, and its short form (shown only for a street named by a number). */
const streetKindShort: Record<string, string> = {
  ул: "ул.",
  улица: "ул.",
  пр: "пр-т",
  "пр-т": "пр-т",
  просп: "пр-т",
  проспект: "пр-т",
  пер: "пер.",
  переулок: "пер.",
  пл: "пл.",
  площадь: "пл.",
  "б-р": "б-р",
  бул: "б-р",
  бульвар: "б-р",
  ш: "ш.",
  шоссе: "ш.",
  мкр: "мкр.",
  мкрн: "мкр.",
  микрорайон: "мкр.",
  "пр-д": "пр-д",
  проезд: "пр-д",
  туп: "туп.",
  тупик: "туп.",
  наб: "наб.",
  набережная: "наб.",
};
const streetKinds = new Set(Object.keys(streetKindShort));

const houseWords = new Set(["д", "дом"]);
const blockWords = new Set(["корп", "корпус", "к"]);
const buildingWords = new Set(["стр", "строение", "с"]);
const flatWords = new Set(["кв", "квартира", "кв-ра"]);
/** Said after the flat sometimes; they do not change which house it is. */
const ignoredWords = new Set(["подъезд", "под", "п-д", "этаж", "эт"]);
const markerWords = [houseWords, blockWords, buildingWords, flatWords, ignoredWords];

const localityWords = new Set([
  "г",
  "гор",
  "город",
  "с",
  "село",
  "п",
  "пос",
  "поселок",
  "пгт",
  "снт",
]);
const regionWords = new Set(["республика", "респ", "рд", "дагестан", "россия", "рф"]);
const ourCity = "каспийск";
/** Kaspiysk's postal codes: 368300–368305 and a few more reserved for it. */
const ourPostcode = /^3683\d\d$/;

/** Latin letters that look like the Cyrillic ones people mean in a house's letter. */
const lookalikes: Record<string, string> = {
  a: "а",
  b: "в",
  c: "с",
  e: "е",
  h: "н",
  k: "к",
  m: "м",
  o: "о",
  p: "р",
  t: "т",
  x: "х",
  y: "у",
};

const fold = (text: string) => text.toLowerCase().replace(/ё/g, "е");

function tokenize(text: string): Token[] {
  const cleaned = text
    .replace(/[\u00a0\u2007\u202f]/g, " ")
    .replace(/[\r\n;]+/g, ",")
    .replace(/[–—]/g, "-")
    .replace(/№/g, " ");
  const pattern =
    /(\d+-(?:й|я|е|ой|ая|ий|ый|го|ого)(?![\p{L}\d]))|(\d+)|(\p{L}+(?:-\p{L}+)*)(\.?)|([,\-/])|(\S)/gu;
  const tokens: Token[] = [];
  for (const match of cleaned.matchAll(pattern)) {
    const [, ordinal, number, word, dot, mark, other] = match;
    if (ordinal) tokens.push({ kind: "ordinal", text: ordinal });
    else if (number) tokens.push({ kind: "number", text: number });
    else if (word) tokens.push({ kind: "word", text: word, bare: fold(word), dotted: dot === "." });
    else if (mark) tokens.push({ kind: "mark", text: mark as "," | "-" | "/" });
    else if (other && other !== ".") tokens.push({ kind: "other", text: other });
  }
  return tokens;
}

class Reader {
  at = 0;
  constructor(readonly tokens: Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }
  done() {
    return this.at >= this.tokens.length;
  }
  isWord(words: Set<string>, offset = 0) {
    const token = this.peek(offset);
    return token?.kind === "word" && words.has(token.bare);
  }
  isNumber(offset = 0) {
    return this.peek(offset)?.kind === "number";
  }
  isMark(mark: string, offset = 0) {
    const token = this.peek(offset);
    return token?.kind === "mark" && token.text === mark;
  }
  skipCommas() {
    while (this.isMark(",")) this.at += 1;
  }
}

/** A word that is part of an address's structure, not of a street's name. */
const isMarker = (token: Token) =>
  token.kind === "word" && markerWords.some((words) => words.has(token.bare));

/** «С. Стальского»: a dotted letter before a name is an initial, even «с.» or «к.». */
const isInitial = (token: Token, next: Token | undefined) =>
  token.kind === "word" &&
  token.dotted &&
  token.bare.length === 1 &&
  next?.kind === "word" &&
  !isMarker(next) &&
  !streetKinds.has(next.bare);

const isCyrillicWord = (text: string) =>
  /^[\p{Script=Cyrillic}]+(?:-[\p{Script=Cyrillic}]+)*$/u.test(text);

/**
 * Steps over the region, the country, the postcode and «г. Каспийск» wherever they stand in a
 * run; "other" when the run names another town or postcode.
 */
function skipPlaces(reader: Reader): "ok" | "other" {
  for (;;) {
    reader.skipCommas();
    const token = reader.peek();
    if (!token) return "ok";
    if (token.kind === "number" && token.text.length === 6) {
      if (!ourPostcode.test(token.text)) return "other";
      reader.at += 1;
      continue;
    }
    if (token.kind !== "word") return "ok";
    if (regionWords.has(token.bare)) {
      reader.at += 1;
      continue;
    }
    if (token.bare === "российская" && reader.isWord(new Set(["федерация"]), 1)) {
      reader.at += 2;
      continue;
    }
    if (token.bare === ourCity) {
      reader.at += 1;
      if (reader.isWord(new Set(["г", "город"]))) reader.at += 1;
      continue;
    }
    if (localityWords.has(token.bare)) {
      const next = reader.peek(1);
      // «с.» and «п.» after a house are a building and an entrance; here, at a run's start, a
      // town: ours or another.
      if (next?.kind === "word" && next.bare === ourCity) {
        reader.at += 2;
        continue;
      }
      if (next?.kind === "word" && !streetKinds.has(next.bare)) return "other";
    }
    return "ok";
  }
}

const normalCase = (word: string) => {
  if (/^\d/.test(word)) return word.toLowerCase();
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) {
    return word.charAt(0).toUpperCase() + word.slice(1);
  }
  return word
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join("-");
};

/**
 * A street: an optional kind before or after its name; the name is words (a number or an
 * ordinal may lead: «8 Марта», «1-я Линейная»), or a bare number after a kind («мкр. 5»).
 * Stops before the house.
 */
function readStreet(reader: Reader): StreetName | null {
  let kind: string | null = null;
  if (reader.isWord(streetKinds)) {
    const token = reader.peek();
    kind = token?.kind === "word" ? token.bare : null;
    reader.at += 1;
  }
  const words: string[] = [];
  const first = reader.peek();
  if (first && (first.kind === "number" || first.kind === "ordinal")) {
    const next = reader.peek(1);
    const numberOnly =
      first.kind === "number" &&
      (next === undefined || (next.kind === "mark" && next.text === ",") || isMarker(next));
    if (numberOnly) {
      if (!kind) return null;
      reader.at += 1;
      const name = `${streetKindShort[kind]} ${first.text}`;
      return { name, key: streetKey(name) };
    }
    if (next?.kind !== "word" || isMarker(next) || streetKinds.has(next.bare)) return null;
    words.push(first.text);
    reader.at += 1;
  }
  for (;;) {
    const token = reader.peek();
    if (token?.kind !== "word") break;
    if ((isMarker(token) || streetKinds.has(token.bare)) && !isInitial(token, reader.peek(1)))
      break;
    if (!isCyrillicWord(token.text)) return null;
    words.push(token.dotted ? `${token.text}.` : token.text);
    reader.at += 1;
  }
  if (!words.some((word) => /\p{L}/u.test(word))) return null;
  if (reader.isWord(streetKinds)) {
    if (kind) return null;
    reader.at += 1;
  }
  const name = words.map(normalCase).join(" ");
  return { name, key: streetKey(name) };
}

const streetKey = (name: string) =>
  fold(name)
    .replace(/\./g, " ")
    .replace(/\s*-\s*/g, "-")
    .replace(/\s+/g, " ")
    .trim();

const letterOf = (token: Token | undefined): string | null => {
  if (token?.kind !== "word" || token.dotted) return null;
  const letter = lookalikes[token.bare] ?? token.bare;
  return /^[а-я]$/.test(letter) ? letter : null;
};

/** A number with an optional letter and an optional «/N»: "52а", "7/1". */
function readNumber(reader: Reader): string | null {
  const number = reader.peek();
  if (number?.kind !== "number") return null;
  reader.at += 1;
  let text = number.text;
  const letterAt = reader.isMark("-") ? 1 : 0;
  const letter = letterOf(reader.peek(letterAt));
  const blockOrBuilding =
    (letter === "к" || letter === "с") && reader.peek(letterAt + 1)?.kind === "number";
  if (letter && !blockOrBuilding) {
    text += letter;
    reader.at += letterAt + 1;
  }
  if (reader.isMark("/") && reader.isNumber(1)) {
    reader.at += 1;
    const fraction = readNumber(reader);
    if (!fraction || fraction.includes("/")) return null;
    text += `/${fraction}`;
  }
  return text;
}

/** "к2" / "корп. 2" and "с3" / "стр. 3" after a house's number, each once. */
function readHouseParts(reader: Reader, house: string): string | null {
  let result = house;
  for (const [words, letter] of [
    [blockWords, "к"],
    [buildingWords, "с"],
  ] as const) {
    const comma = reader.isMark(",") ? 1 : 0;
    const token = reader.peek(comma);
    const mapped = token?.kind === "word" ? (lookalikes[token.bare] ?? token.bare) : "";
    if (!words.has(mapped) || reader.peek(comma + 1)?.kind !== "number") continue;
    reader.at += comma + 1;
    const number = reader.peek();
    reader.at += 1;
    result += `${letter}${number?.text}`;
  }
  return result;
}

/** The house: «д. 52 А», «52а», «10 корп. 2», «7/1». */
function readHouse(reader: Reader): { house: string; marked: boolean } | null {
  const marked = reader.isWord(houseWords);
  if (marked) reader.at += 1;
  const number = readNumber(reader);
  if (!number) return null;
  const house = readHouseParts(reader, number);
  return house ? { house, marked } : null;
}

function readFlat(reader: Reader): string | null | undefined {
  const comma = reader.isMark(",") ? 1 : 0;
  if (!reader.isWord(flatWords, comma)) return undefined;
  reader.at += comma + 1;
  const flat = reader.peek();
  if (flat?.kind !== "number") return null;
  reader.at += 1;
  const letter = letterOf(reader.peek());
  if (letter) reader.at += 1;
  return `${flat.text}${letter ?? ""}`;
}

function skipIgnored(reader: Reader) {
  for (;;) {
    const comma = reader.isMark(",") ? 1 : 0;
    if (!reader.isWord(ignoredWords, comma) || !reader.isNumber(comma + 1)) return;
    reader.at += comma + 2;
  }
}

export function parseAddress(text: string): ParsedAddress | null {
  const reader = new Reader(tokenize(text));
  if (skipPlaces(reader) === "other") return null;
  const street = readStreet(reader);
  if (!street) return null;
  reader.skipCommas();
  const house = readHouse(reader);
  if (!house) return null;
  let flat = readFlat(reader);
  if (flat === null) return null;
  if (flat === undefined && reader.isMark("-") && reader.isNumber(1)) {
    // «Ленина 52А-7»: the informal house-flat; after «д.» a dash may be part of the house
    // («д. 12-14»), so it is not read then.
    if (house.marked) return null;
    reader.at += 1;
    flat = readNumber(reader);
    if (!flat || flat.includes("/")) return null;
  }
  skipIgnored(reader);
  if (skipPlaces(reader) === "other" || !reader.done()) return null;
  return { street: street.name, streetKey: street.key, house: house.house, flat: flat ?? null };
}

/** A street as an operator or a monitor names it: «ул. Ленина», «ленина», «Королёва пр-т». */
export function normalizeStreet(text: string): StreetName | null {
  const reader = new Reader(tokenize(text));
  const street = readStreet(reader);
  reader.skipCommas();
  return street && reader.done() ? street : null;
}

/** A house as typed: «52 А» → «52а», «д. 10 корп 2» → «10к2». */
export function normalizeHouse(text: string): string | null {
  const reader = new Reader(tokenize(text));
  const house = readHouse(reader);
  reader.skipCommas();
  return house && reader.done() ? house.house : null;
}

/** «Каспийск», «г. Каспийск», «город Каспийск», «Каспийск г.»: the town as a billing names it. */
export function isOurTown(text: string): boolean {
  const words = tokenize(text).flatMap((token) => (token.kind === "word" ? [token.bare] : ["?"]));
  const town = new Set(["г", "гор", "город"]);
  const rest = words.filter(
    (word, at) => !(town.has(word) && (at === 0 || at === words.length - 1)),
  );
  return rest.length === 1 && rest[0] === ourCity && words.length <= 2;
}

/** The structured fields of an Account for a read address: all null when it was not read. */
export function fieldsOf(parsed: ParsedAddress | null) {
  return {
    street: parsed?.street ?? null,
    streetKey: parsed?.streetKey ?? null,
    house: parsed?.house ?? null,
    flat: parsed?.flat ?? null,
  };
}

/** The structured fields of an Account for its address text: all null when it is not read. */
export const addressFields = (text: string) => fieldsOf(parseAddress(text));
