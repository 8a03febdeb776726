// Importing contracts from the operator's CSV against real PostgreSQL: valid rows imported with
// their opening balance as one ledger entry, invalid ones reported by line, nothing half-written.
import { describe, expect, it } from "vitest";
import { importAccounts, openingKey } from "../../core/accounts/import-accounts.ts";
import { verifyPassword } from "../../core/accounts/password.ts";
import { postLedgerEntry } from "../../core/billing/ledger.ts";
import { CsvFileError } from "../../core/csv.ts";
import { useDemoDatabase } from "../support/demo-database.ts";
import { ledgerMismatches } from "../support/ledger.ts";
import { noPostgres } from "../support/require-services.ts";

const header = "login,name,address,phone,email,tariff,balance,password,iptv";

describe.skipIf(noPostgres)("importing accounts", () => {
  const { database } = useDemoDatabase();

  const db = () => database.prisma;
  const account = (login: string) =>
    db().account.findUnique({
      where: { login },
      include: { internetTariff: true, iptvTariff: true, ledgerEntries: true },
    });

  async function expectLedgerConsistent() {
    expect(await ledgerMismatches(db())).toEqual([]);
  }

  it("imports the valid rows, reports each invalid one by line and field", async () => {
    const csv = [
      header,
      'a.omarov,Омаров Шамиль,"г. Каспийск, ул. Ленина, д. 40",+7 928 111-22-33,shamil@example.ru,home-100,1500,,iptv-basic',
      'z_ramazanova,Рамазанова Зарема,"г. Каспийск,\nул. Кирова, д. 5",89281112234,,home-50,"-120,50",zarema-pass-1,',
      "bad login!,Кто-то,Каспийск,+79281112240,,home-50,0,,",
      "m-suleimanov,Сулейманов Марат,Каспийск,12345,not-an-email,iptv-basic,12.345,1234567890,home-50",
      "k.zero,Нулевой Баланс,Каспийск,9281112241,,giga-500,,,",
      "a.omarov,Омаров Дубль,Каспийск,+79281112242,,home-100,10,,",
      "p.same,Пароль Логин,Каспийск,+79281112243,,home-100,10,p.same-x,",
      "p.same22,Пароль Логин,Каспийск,+79281112244,,home-100,10,P.SAME22,",
      ",,,,,,,,",
      "r.blank,,,,,,,,",
      "",
      "extra,Лишнее Поле,Каспийск,+79281112245,,home-100,10,,,surplus",
    ].join("\r\n");
    const imported: string[] = [];
    const report = await importAccounts(db(), {
      csv: `\ufeff${csv}`,
      onImported: (row) => imported.push(row.login),
    });

    expect(report.imported.map((row) => [row.line, row.login])).toEqual([
      [2, "a.omarov"],
      [3, "z_ramazanova"],
      [7, "k.zero"],
      [9, "p.same"],
    ]);
    expect(imported).toEqual(["a.omarov", "z_ramazanova", "k.zero", "p.same"]);
    expect(report.rows).toBe(10);
    expect(report.existing).toEqual([]);
    expect(report.problems).toEqual([
      { line: 5, field: "login", problem: "1 to 32 characters of A-Z, a-z, 0-9, '.', '_' and '-'" },
      { line: 6, field: "phone", problem: '"12345" is not a Russian phone number' },
      { line: 6, field: "email", problem: "an email address, e.g. name@example.ru" },
      { line: 6, field: "tariff", problem: '"iptv-basic" is an IPTV tariff, not INTERNET' },
      { line: 6, field: "iptv", problem: '"home-50" is an INTERNET tariff, not IPTV' },
      {
        line: 6,
        field: "balance",
        problem: '"12.345" is not an amount of rubles, e.g. 1500 or 1500,50 (at most 2 decimals)',
      },
      { line: 6, field: "password", problem: "not digits only" },
      { line: 8, field: "login", problem: "repeats line 2" },
      { line: 10, field: "password", problem: "not the login" },
      { line: 12, field: "name", problem: "required" },
      { line: 12, field: "address", problem: "required" },
      { line: 12, field: "phone", problem: "required" },
      { line: 12, field: "tariff", problem: "required" },
      {
        line: 14,
        field: "row",
        problem: '10 fields where the header has 9 (a value with the delimiter needs "quotes")',
      },
    ]);

    const omarov = await account("a.omarov");
    expect(omarov).toMatchObject({
      name: "Омаров Шамиль",
      address: "г. Каспийск, ул. Ленина, д. 40",
      phone: "+79281112233",
      email: "shamil@example.ru",
      status: "ACTIVE",
      balance: 1500_00,
      internetTariff: { code: "home-100" },
      iptvTariff: { code: "iptv-basic" },
    });
    expect(omarov?.ledgerEntries).toMatchObject([
      {
        amount: 1500_00,
        balanceAfter: 1500_00,
        kind: "ADJUSTMENT",
        idempotencyKey: openingKey("a.omarov"),
      },
    ]);
    const generated = report.imported[0]?.generatedPassword ?? "";
    expect(generated).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(await verifyPassword(generated, omarov?.passwordHash ?? "")).toBe(true);

    const zarema = await account("z_ramazanova");
    expect(zarema).toMatchObject({
      address: "г. Каспийск,\nул. Кирова, д. 5",
      phone: "+79281112234",
      email: null,
      balance: -120_50,
      iptvTariff: null,
    });
    expect(report.imported[1]?.generatedPassword).toBeNull();
    expect(await verifyPassword("zarema-pass-1", zarema?.passwordHash ?? "")).toBe(true);

    const zero = await account("k.zero");
    expect(zero).toMatchObject({ balance: 0, phone: "+79281112241" });
    expect(zero?.ledgerEntries).toEqual([]);
    expect(await account("m-suleimanov")).toBeNull();
    await expectLedgerConsistent();
  });

  it("fills street, house and flat from the address; one it cannot read is kept as text and named", async () => {
    const csv = [
      header,
      '"adr.1",Адрес Полный,"г. Каспийск, ул. Королёва, д. 10, корп. 2, кв. 34",+79281113301,,home-50,0,,',
      '"adr.2",Адрес Краткий,Королева 52А-7,+79281113302,,home-50,0,,',
      '"adr.3",Адрес Чужой,"г. Махачкала, ул. Ленина, д. 5",+79281113303,,home-50,0,,',
      '"adr.4",Адрес Без Дома,"Каспийск, у рынка",+79281113304,,home-50,0,,',
      '"adr.5",Плохой Телефон,"ул. Ленина, 1",123,,home-50,0,,',
    ].join("\n");
    const report = await importAccounts(db(), { csv });
    expect(report.imported.map((row) => row.login)).toEqual(["adr.1", "adr.2", "adr.3", "adr.4"]);
    expect(report.problems).toEqual([
      { line: 6, field: "phone", problem: '"123" is not a Russian phone number' },
    ]);
    expect(report.unreadAddresses).toEqual([
      { line: 4, login: "adr.3", address: "г. Махачкала, ул. Ленина, д. 5" },
      { line: 5, login: "adr.4", address: "Каспийск, у рынка" },
    ]);
    expect(await account("adr.1")).toMatchObject({
      address: "г. Каспийск, ул. Королёва, д. 10, корп. 2, кв. 34",
      street: "Королёва",
      streetKey: "королева",
      house: "10к2",
      flat: "34",
    });
    expect(await account("adr.2")).toMatchObject({
      street: "Королева",
      streetKey: "королева",
      house: "52а",
      flat: "7",
    });
    for (const login of ["adr.3", "adr.4"]) {
      expect(await account(login)).toMatchObject({
        street: null,
        streetKey: null,
        house: null,
        flat: null,
      });
    }
    expect((await account("adr.4"))?.address).toBe("Каспийск, у рынка");
  });

  it("reports logins already there on a re-import and changes nothing", async () => {
    const csv = [
      header,
      "a.omarov,Другое Имя,Другой адрес,+79281119999,,home-50,99999,,",
      "10001,Чужой,Каспийск,+79281119998,,home-50,5,,",
      "n.new,Новый Абонент,Каспийск,+79281119997,,home-50,5,,",
    ].join("\n");
    const accounts = await db().account.count();
    const entries = await db().ledgerEntry.count();
    const report = await importAccounts(db(), { csv });
    expect(report.existing).toEqual([
      { line: 2, login: "a.omarov" },
      { line: 3, login: "10001" },
    ]);
    expect(report.imported.map((row) => row.login)).toEqual(["n.new"]);
    expect(report.problems).toEqual([]);
    expect(await db().account.count()).toBe(accounts + 1);
    expect(await db().ledgerEntry.count()).toBe(entries + 1);
    expect(await account("a.omarov")).toMatchObject({ name: "Омаров Шамиль", balance: 1500_00 });
    await expectLedgerConsistent();
  });

  it("leaves no account and no ledger entry when a row fails inside its transaction", async () => {
    // The opening entry's key is already taken: the account insert succeeds, the entry fails.
    const holder = await db().account.findUniqueOrThrow({ where: { login: "10003" } });
    await postLedgerEntry(db(), {
      accountId: holder.id,
      amount: 1,
      kind: "ADJUSTMENT",
      idempotencyKey: openingKey("t.rollback"),
    });
    const entries = await db().ledgerEntry.count();
    const csv = [
      header,
      "t.rollback,Откат Транзакции,Каспийск,+79281118881,,home-50,300,,",
      "t.fine,Хороший Ряд,Каспийск,+79281118882,,home-50,300,,",
    ].join("\n");
    const report = await importAccounts(db(), { csv });
    expect(report.problems).toEqual([
      {
        line: 2,
        field: "balance",
        problem: `the ledger already has the entry ${openingKey("t.rollback")}`,
      },
    ]);
    expect(report.imported.map((row) => row.login)).toEqual(["t.fine"]);
    expect(await account("t.rollback")).toBeNull();
    expect(await db().ledgerEntry.count()).toBe(entries + 1);
    await expectLedgerConsistent();
  });

  it("reads semicolon-separated files with columns in any order", async () => {
    const csv = [
      "TARIFF;Login;Name;Address;Phone;Email;Balance",
      "home-50;s.semicolon;Точка Запятой;г. Каспийск, ул. Мира, 1;+79281117771;;1 250,50",
    ].join("\n");
    const report = await importAccounts(db(), { csv });
    expect(report.problems).toEqual([]);
    expect(await account("s.semicolon")).toMatchObject({
      address: "г. Каспийск, ул. Мира, 1",
      balance: 1250_50,
    });
  });

  it("refuses a file whose header is wrong or whose quoting is broken, writing nothing", async () => {
    const accounts = await db().account.count();
    await expect(
      importAccounts(db(), {
        csv: "login,name,address,phone,email,balance\nx,y,z,+79281116661,,0",
      }),
    ).rejects.toThrow(
      new CsvFileError(
        "line 1: missing column tariff; expected login,name,address,phone,email,tariff,balance,[password],[iptv]",
      ),
    );
    await expect(importAccounts(db(), { csv: `${header},pasword\n` })).rejects.toThrow(
      /line 1: unknown column "pasword"/,
    );
    await expect(
      importAccounts(db(), {
        csv: `${header}\nq.quote,"Без кавычки,Каспийск,+79281116662,,home-50,0,,`,
      }),
    ).rejects.toThrow(/not a readable CSV: Quote Not Closed/);
    await expect(importAccounts(db(), { csv: "" })).rejects.toThrow(/the file is empty/);
    expect(await db().account.count()).toBe(accounts);
  });

  it("reports progress every N contracts written and at the end", async () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) =>
        `bulk.${i},Абонент ${i},Каспийск,+79282220${String(i).padStart(3, "0")},,home-50,${i * 10},bulk-password-${i},`,
    );
    const progress: string[] = [];
    const report = await importAccounts(db(), {
      csv: [header, ...rows].join("\n"),
      progressEvery: 3,
      onProgress: ({ done, total }) => progress.push(`${done}/${total}`),
    });
    expect(report.imported).toHaveLength(20);
    // Written in batches of 8 (passwords are hashed a batch at a time): a report after each batch
    // that passes a multiple of 3, and after the last.
    expect(progress).toEqual(["8/20", "16/20", "20/20"]);
    await expectLedgerConsistent();
  });

  it("starts new contracts with the configured reminder days ahead", async () => {
    const csv = [header, "d.ahead,Заранее Знающий,Каспийск,+79281112299,,home-100,10,,"].join("\n");
    const report = await importAccounts(db(), { csv, reminderDaysAhead: 5 });
    expect(report.imported.map((row) => row.login)).toEqual(["d.ahead"]);
    expect(await account("d.ahead")).toMatchObject({
      reminderDaysAhead: 5,
      remindersEnabled: true,
    });
  });
});
