import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Bot, webhookCallback } from "grammy";
import type { Update, WebhookInfo } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "./emulator.ts";
import { callApi } from "./raw-api.ts";

interface Delivery {
  update: Update;
  headers: IncomingHttpHeaders;
  respond(status: number, body?: string): void;
}

/** A webhook endpoint that hands every request to the test to answer. */
class Receiver {
  readonly deliveries: Delivery[] = [];
  private waiters: Array<() => void> = [];
  private server!: Server;

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    receiver.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        receiver.deliveries.push({
          update: JSON.parse(body) as Update,
          headers: req.headers,
          respond: (status, reply = "") =>
            res.writeHead(status, { "content-type": "application/json" }).end(reply),
        });
        for (const wake of receiver.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  async waitForCount(count: number): Promise<void> {
    while (this.deliveries.length < count) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let emu: BotApiEmulator;
let receiver: Receiver;

beforeEach(async () => {
  emu = await BotApiEmulator.start();
  emu.webhookRetryDelayMs = 50;
  receiver = await Receiver.start();
});

afterEach(async () => {
  await emu.stop();
  await receiver.close();
});

async function webhookInfo(): Promise<WebhookInfo> {
  const { body } = await callApi(emu, "getWebhookInfo");
  if (!body.ok) throw new Error(body.description);
  return body.result as WebhookInfo;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("webhooks", () => {
  it("posts updates with the secret token header and reports the webhook", async () => {
    await callApi(emu, "setWebhook", { url: receiver.url, secret_token: "s3cret" });
    const alice = emu.user();
    await alice.send("hello");
    await receiver.waitForCount(1);
    const [delivery] = receiver.deliveries;
    expect(delivery?.update.message?.text).toBe("hello");
    expect(delivery?.headers["x-telegram-bot-api-secret-token"]).toBe("s3cret");
    expect(await webhookInfo()).toMatchObject({
      url: receiver.url,
      pending_update_count: 1,
      max_connections: 40,
    });
    delivery?.respond(200);
    await settle();
    expect((await webhookInfo()).pending_update_count).toBe(0);
  });

  it("accepts only local URLs", async () => {
    const { body } = await callApi(emu, "setWebhook", { url: "https://example.com/hook" });
    expect(body.ok).toBe(false);
  });

  it("delivers one update per chat at a time, chats in parallel", async () => {
    await callApi(emu, "setWebhook", { url: receiver.url });
    const alice = emu.user();
    const bob = emu.user();
    await alice.send("a1");
    await alice.send("a2");
    await bob.send("b1");
    await receiver.waitForCount(2);
    await settle();
    expect(receiver.deliveries.map((d) => d.update.message?.text)).toEqual(["a1", "b1"]);
    receiver.deliveries[0]?.respond(200);
    await receiver.waitForCount(3);
    expect(receiver.deliveries[2]?.update.message?.text).toBe("a2");
  });

  it("retries a failed delivery after a delay and records the error", async () => {
    await callApi(emu, "setWebhook", { url: receiver.url });
    const alice = emu.user();
    await alice.send("retry me");
    await receiver.waitForCount(1);
    receiver.deliveries[0]?.respond(500);
    await receiver.waitForCount(2);
    expect(receiver.deliveries[1]?.update).toEqual(receiver.deliveries[0]?.update);
    expect(await webhookInfo()).toMatchObject({
      pending_update_count: 1,
      last_error_date: expect.any(Number),
      last_error_message: "Wrong response from the webhook: 500 Internal Server Error",
    });
    receiver.deliveries[1]?.respond(200);
    await settle();
    expect((await webhookInfo()).pending_update_count).toBe(0);
  });

  it("reports a refused connection", async () => {
    const closed = await Receiver.start();
    const url = closed.url;
    await closed.close();
    await callApi(emu, "setWebhook", { url });
    await emu.user().send("x");
    await settle();
    expect(await webhookInfo()).toMatchObject({
      pending_update_count: 1,
      last_error_message: "Connection refused",
    });
  });

  it("runs a method the bot returns in the response body", async () => {
    await callApi(emu, "setWebhook", { url: receiver.url });
    const alice = emu.user();
    await alice.send("ping");
    await receiver.waitForCount(1);
    receiver.deliveries[0]?.respond(
      200,
      JSON.stringify({ method: "sendMessage", chat_id: alice.id, text: "pong" }),
    );
    expect((await alice.nextBotMessage()).text).toBe("pong");
  });

  it("drives a real grammY webhook handler", async () => {
    const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
    bot.on("message:text", (ctx) => ctx.reply(`Эхо: ${ctx.message.text}`));
    await bot.init();
    const handle = webhookCallback(bot, "http", { secretToken: "tok" });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      await bot.api.setWebhook(`http://127.0.0.1:${port}/`, { secret_token: "tok" });
      const alice = emu.user();
      await alice.send("привет");
      expect((await alice.nextBotMessage()).text).toBe("Эхо: привет");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
