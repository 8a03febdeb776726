// Interim: the street and house rules the incidents need (the full address parser lands with the
// addresses work).
export interface StreetName {
  name: string;
  key: string;
}

const kinds = /^(?:ул\.?|улица|пр\.?|пр-т|проспект|пер\.?|переулок)\s*/i;

export function normalizeStreet(text: string): StreetName | null {
  const name = text.trim().replace(kinds, "").replace(/\s+/g, " ").trim();
  if (!/^[\p{L}][\p{L}\d\s.-]*$/u.test(name)) return null;
  const shown = name.charAt(0).toUpperCase() + name.slice(1);
  return { name: shown, key: name.toLowerCase().replace(/ё/g, "е") };
}

export function normalizeHouse(text: string): string | null {
  const house = text
    .trim()
    .toLowerCase()
    .replace(/^(?:д\.?|дом)\s*/, "")
    .replace(/\s*(?:корп\.?|к\.?)\s*/, "к")
    .replace(/\s+/g, "");
  return /^\d+[а-я]?(?:[/к]\d+)?$/.test(house) ? house : null;
}
