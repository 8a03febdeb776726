// Small formatters that reproduce how Ubilling prints values: dates in the server's clock (UTC
// here), money with two decimals, traffic sizes, CRC32 payment ids, md5 passwords.
import { createHash } from "node:crypto";

export function md5(text: string): string {
  return createHash("md5").update(text).digest("hex");
}

const pad = (value: number) => String(value).padStart(2, "0");

/** "YYYY-MM-DD". */
export function isoDate(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** "YYYY-MM-DD HH:MM:SS", the MySQL datetime the tables hold. */
export function dateTime(date: Date): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${isoDate(date)} ${time}`;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function daysInMonth(date: Date): number {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Rounds to cents, as the DECIMAL columns keep money. */
export function cents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A money value as the database returns it: a string, e.g. "-12.5" or "100". */
export function moneyString(value: number): string {
  return String(cents(value));
}

/** A traffic size as userstats prints it: "1.5 Gb", "700 Mb", "12 b". */
export function trafficSize(bytes: number): string {
  const units: Array<[number, string]> = [
    [1024 ** 3, "Gb"],
    [1024 ** 2, "Mb"],
    [1024, "Kb"],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) return `${Math.round((bytes / size) * 100) / 100} ${unit}`;
  }
  return `${bytes} b`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let crc = index;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  return crc >>> 0;
});

/** CRC32 as an unsigned decimal string: the default OpenPayz virtual id of a login. */
export function crc32(text: string): string {
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, "utf8")) {
    crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return String((crc ^ 0xffffffff) >>> 0);
}

/** An IPv4 address as the unsigned integer MySQL's INET_ATON gives. */
export function ipToInteger(ip: string): string {
  const parts = ip.split(".").map(Number);
  return String(parts.reduce((total, part) => total * 256 + part, 0));
}
