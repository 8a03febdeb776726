// Importing tariffs from the operator's CSV against real PostgreSQL: upsert by code.
import { describe, expect, it } from "vitest";
import { importTariffs } from "../../core/billing/import-tariffs.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { noPostgres } from "../support/require-services.ts";

const header = "code,name,kind,monthly_fee,speed_mbps,channels,description,active";

describe.skipIf(noPostgres)("importing tariffs", () => {
  const { database } = useDemoDatabase();

  const tariff = (code: string) => database.prisma.tariff.findUnique({ where: { code } });

  it("creates new codes, updates known ones, reports invalid rows by line", async () => {
    const csv = [
      header,
      "home-50,Домашний 50,INTERNET,500,50,,Для почты и видео в HD,true",
      'turbo-1000,Турбо 1000,internet,"1500,50",1000,,"Гигабит, для всего дома",',
      "iptv-kids,IPTV Детский,IPTV,99,,40,,yes",
      "broken,Без скорости,INTERNET,300,,,,",
      "iptv-basic,IPTV Базовый,INTERNET,150,100,,,",
      "bad code,X,RADIO,-5,0,,,maybe",
      "giga-500,Гига 500,INTERNET,1100,500,,Максимальная скорость для всего дома,false",
      "turbo-1000,Дубль,INTERNET,1,1,,,",
    ].join("\n");
    const report = await importTariffs(database.prisma, { csv });
    expect(report).toEqual({
      rows: 8,
      created: ["turbo-1000", "iptv-kids"],
      updated: ["home-50", "giga-500"],
      unchanged: [],
      problems: [
        { line: 5, field: "speed_mbps", problem: "required for INTERNET" },
        {
          line: 6,
          field: "kind",
          problem: "iptv-basic is an IPTV tariff; a tariff's kind does not change",
        },
        {
          line: 7,
          field: "code",
          problem: "1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'",
        },
        { line: 7, field: "kind", problem: "INTERNET or IPTV" },
        { line: 7, field: "monthly_fee", problem: "not negative" },
        { line: 7, field: "speed_mbps", problem: "a positive number of Mbit/s" },
        { line: 7, field: "active", problem: "true or false (empty: true)" },
        { line: 9, field: "code", problem: "repeats line 3" },
      ],
    });
    expect(await tariff("home-50")).toMatchObject({
      name: "Домашний 50",
      monthlyFee: 500_00,
      speedMbps: 50,
      description: "Для почты и видео в HD",
      active: true,
    });
    expect(await tariff("turbo-1000")).toMatchObject({
      kind: "INTERNET",
      monthlyFee: 1500_50,
      speedMbps: 1000,
      channels: null,
      description: "Гигабит, для всего дома",
      active: true,
    });
    expect(await tariff("iptv-kids")).toMatchObject({
      kind: "IPTV",
      monthlyFee: 99_00,
      channels: 40,
      speedMbps: null,
      description: null,
    });
    expect(await tariff("giga-500")).toMatchObject({ active: false });
    expect(await tariff("iptv-basic")).toMatchObject({ kind: "IPTV", monthlyFee: 150_00 });
    expect(await tariff("broken")).toBeNull();

    const again = await importTariffs(database.prisma, { csv });
    expect(again).toMatchObject({
      created: [],
      updated: [],
      unchanged: ["home-50", "turbo-1000", "iptv-kids", "giga-500"],
    });
  });

  it("keeps the contracts on an updated tariff, whose new fee they pay from then on", async () => {
    const before = await database.prisma.account.findUniqueOrThrow({
      where: { login: "10003" },
      include: { internetTariff: true },
    });
    expect(before.internetTariff?.code).toBe("home-100");
    await importTariffs(database.prisma, {
      csv: `code,name,kind,monthly_fee,speed_mbps\nhome-100,Домашний 100,INTERNET,650,100`,
    });
    const after = await database.prisma.account.findUniqueOrThrow({
      where: { login: "10003" },
      include: { internetTariff: true },
    });
    expect(after.internetTariff).toMatchObject({ code: "home-100", monthlyFee: 650_00 });
  });
});
