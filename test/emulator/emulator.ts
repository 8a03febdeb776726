import type { Update, UserFromGetMe } from "grammy/types";
import { type ApiCall, CallLog, type WaitForCallOptions } from "./call-log.ts";
import { Dispatcher } from "./dispatcher.ts";
import { GroupDriver } from "./driver/group-driver.ts";
import { UserDriver } from "./driver/user-driver.ts";
import { FaultPlan } from "./faults/fault-plan.ts";
import { RateLimiter, type RateLimits, TELEGRAM_RATE_LIMITS } from "./faults/rate-limiter.ts";
import { ApiServer } from "./http/api-server.ts";
import type { EmulatorSettings } from "./methods/context.ts";
import { createMethodRegistry } from "./methods/index.ts";
import { DEFAULT_CURRENCY_LIMITS } from "./methods/payments.ts";
import type { MemberStatus } from "./state/chat.ts";
import { chatMember } from "./state/members.ts";
import { type NewGroup, type NewUser, World } from "./state/world.ts";
import type { UpdateContent } from "./updates/update-queue.ts";
import { WebhookDelivery } from "./updates/webhook.ts";

export interface EmulatorOptions {
  /** The bot token; its number before ":" is the bot's id. */
  token?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** What getMe returns, besides id and is_bot. */
  bot?: Partial<Omit<UserFromGetMe, "id" | "is_bot">>;
  /** The clock for message dates and limits, in ms since the epoch. */
  now?: () => number;
  /** Default timeout of every wait in drivers and `waitForCall`. */
  timeoutMs?: number;
}

export interface NewGroupOptions extends Omit<NewGroup, "memberIds"> {
  /** Members, as drivers or user ids; they get status "member". */
  members?: ReadonlyArray<UserDriver | number>;
}

export const DEFAULT_TOKEN = "1234567890:AAEmulatorTokenForTestsOnly-0000000";

/**
 * A local Telegram Bot API: point grammY at `apiRoot`, drive users with
 * `user()`, read what the bot did from the drivers and from `calls`.
 *
 * ```ts
 * const emu = await BotApiEmulator.start();
 * const bot = new Bot(emu.token, { client: { apiRoot: emu.apiRoot } });
 * const alice = emu.user({ firstName: "Алиса", languageCode: "ru" });
 * await alice.send("/start");
 * const reply = await alice.nextBotMessage();
 * ```
 */
export class BotApiEmulator {
  /** Failures to inject into the next matching calls. */
  readonly faults = new FaultPlan();
  /** Default timeout of every wait, in ms. */
  timeoutMs: number;
  private readonly settings: EmulatorSettings = {
    preCheckoutTimeoutMs: 10_000,
    webhookRetryDelayMs: 1_000,
    currencyLimits: { ...DEFAULT_CURRENCY_LIMITS },
  };
  private readonly log: CallLog;
  private readonly webhook: WebhookDelivery;
  private readonly dispatcher: Dispatcher;
  private rateLimiter: RateLimiter | undefined;
  private server: ApiServer | undefined;

  private constructor(
    readonly token: string,
    private readonly world: World,
    options: EmulatorOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.log = new CallLog(world.changes, () => this.timeoutMs);
    this.webhook = new WebhookDelivery({
      queue: world.updates,
      unixTime: () => world.unixTime(),
      retryDelayMs: () => this.settings.webhookRetryDelayMs,
      // Methods a bot returns in a webhook response body run like calls; nobody awaits their result.
      runReply: async (method, params) => {
        await this.dispatcher.dispatch(method, params, new AbortController().signal);
      },
    });
    this.dispatcher = new Dispatcher({
      registry: createMethodRegistry(),
      world,
      webhook: this.webhook,
      settings: this.settings,
      faults: this.faults,
      rateLimiter: () => this.rateLimiter,
      log: this.log,
    });
  }

  static async start(options: EmulatorOptions = {}): Promise<BotApiEmulator> {
    const token = options.token ?? DEFAULT_TOKEN;
    const id = Number(token.split(":")[0]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`Not a bot token: ${token}`);
    const bot: UserFromGetMe = {
      id,
      is_bot: true,
      first_name: "Test Bot",
      username: "test_emulator_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...options.bot,
    };
    const emulator = new BotApiEmulator(token, new World(bot, options.now ?? Date.now), options);
    emulator.server = await ApiServer.listen("127.0.0.1", options.port ?? 0, {
      token,
      call: (method, params, signal) => emulator.dispatcher.dispatch(method, params, signal),
      file: (path) => emulator.world.files.byPath(path)?.data,
    });
    return emulator;
  }

  /** What grammY takes as `client.apiRoot`. */
  get apiRoot(): string {
    if (this.server === undefined) throw new Error("The emulator is not running");
    return `http://127.0.0.1:${this.server.port}`;
  }

  /** The bot, as getMe returns it. */
  get bot(): UserFromGetMe {
    return this.world.bot;
  }

  /** Every Bot API call so far, in arrival order. */
  get calls(): readonly ApiCall[] {
    return this.log.calls;
  }

  /**
   * Calls `listener` with every Bot API call from now on, as it is answered (for a load generator
   * that cannot afford a wait per message); returns the unsubscribe.
   */
  onCall(listener: (call: ApiCall) => void): () => void {
    return this.log.onCall(listener);
  }

  /** How long a pre_checkout_query waits for its answer; Telegram's is 10 s. */
  get preCheckoutTimeoutMs(): number {
    return this.settings.preCheckoutTimeoutMs;
  }

  set preCheckoutTimeoutMs(value: number) {
    this.settings.preCheckoutTimeoutMs = value;
  }

  /** Delay before a failed webhook delivery is retried. */
  get webhookRetryDelayMs(): number {
    return this.settings.webhookRetryDelayMs;
  }

  set webhookRetryDelayMs(value: number) {
    this.settings.webhookRetryDelayMs = value;
  }

  /** Accepted invoice totals per currency in the smallest units; change entries to test limits. */
  get currencyLimits(): Record<string, { min: number; max: number }> {
    return this.settings.currencyLimits;
  }

  /** Creates a user; the private chat exists once they write to the bot. */
  user(options: NewUser = {}): UserDriver {
    return new UserDriver(
      this.world,
      this.world.addUser(options),
      () => this.timeoutMs,
      () => this.settings.preCheckoutTimeoutMs,
    );
  }

  /** Creates a group, or a supergroup (`supergroup: true`) with topics (`forum: true`). */
  group(options: NewGroupOptions): GroupDriver {
    const { members = [], ...group } = options;
    const memberIds = members.map((member) => (typeof member === "number" ? member : member.id));
    const record = this.world.addGroup({ ...group, memberIds });
    return new GroupDriver(
      this.world,
      record.id,
      () => this.timeoutMs,
      (userId, status) => this.setMemberStatus(record.id, userId, status),
    );
  }

  /**
   * Sets a member's status in a chat (unknown members are "left"). For the bot
   * itself the bot gets a my_chat_member update; for users a chat_member
   * update, which Telegram sends only when allowed_updates asks for it.
   */
  setMemberStatus(chatId: number, userId: number, status: MemberStatus): void {
    const chat = this.world.chatRecord(chatId);
    const old = chat.memberStatus(userId);
    chat.members.set(userId, status);
    this.world.changes.notify();
    if (old === status) return;
    const isBot = userId === this.bot.id;
    const user = isBot ? this.world.botUser : this.world.userRecord(userId).user;
    const isSupergroup = chat.chat.type === "supergroup";
    const change = {
      chat: chat.chat,
      from: user,
      date: this.world.unixTime(),
      old_chat_member: chatMember(user, old, isSupergroup),
      new_chat_member: chatMember(user, status, isSupergroup),
    };
    this.world.queueUpdate(isBot ? { my_chat_member: change } : { chat_member: change });
  }

  /** The user blocks the bot: sends to them fail with 403, the bot gets my_chat_member "kicked". */
  blockBot(userId: number): void {
    this.setBlocked(userId, true);
  }

  /** The user unblocks (restarts) the bot. */
  unblockBot(userId: number): void {
    this.setBlocked(userId, false);
  }

  /**
   * Switches Telegram's sending limits on (429 with retry_after when
   * exceeded), with the documented defaults unless overridden; `false` turns them off.
   */
  enforceRateLimits(limits: Partial<RateLimits> | false = {}): void {
    this.rateLimiter =
      limits === false
        ? undefined
        : new RateLimiter({ ...TELEGRAM_RATE_LIMITS, ...limits }, this.world.now);
  }

  /**
   * Pushes an update (or the update with this id) to the bot again. By
   * default it gets a new update_id, as a repeated event does. With `sameId`
   * the very update goes back into the queue as if never confirmed: a webhook
   * gets it again, and so does a bot that polls from an offset at or below it
   * (a restarted one); a poller already past it drops it, as with Telegram.
   */
  redeliver(update: Update | number, options: { sameId?: boolean } = {}): Update | undefined {
    const original =
      typeof update === "number"
        ? this.world.updates.history.find((candidate) => candidate.update_id === update)
        : update;
    if (original === undefined) throw new Error(`No update ${String(update)} was ever sent`);
    return this.world.redeliver(original, options);
  }

  /**
   * Queues an update the test made up (forged data, fields missing) as if Telegram sent it, with
   * Telegram's own part of it made true (see `World.forgeUpdate`). Returns undefined when
   * allowed_updates leaves its kind out.
   */
  forge(content: UpdateContent): Update | undefined {
    return this.world.forgeUpdate(content);
  }

  /** Updates waiting for the bot: not yet confirmed (polling) or delivered (webhook). */
  pendingUpdates(): readonly Update[] {
    return this.world.updates.peek();
  }

  /** Every update ever queued for the bot, in order. */
  get updates(): readonly Update[] {
    return this.world.updates.history;
  }

  /**
   * Resolves with the earliest call to `method` matching `predicate` that no
   * earlier `waitForCall` returned, waiting for it if needed.
   */
  waitForCall(
    method: string,
    predicate?: (call: ApiCall) => boolean,
    options?: WaitForCallOptions,
  ): Promise<ApiCall> {
    return this.log.waitFor(method, predicate, options);
  }

  /** Ends pending long polls (with no updates), stops webhook delivery, closes every socket. */
  async stop(): Promise<void> {
    this.webhook.stop();
    this.world.updates.endPoll();
    await this.server?.close();
    this.server = undefined;
  }

  private setBlocked(userId: number, blocked: boolean): void {
    const record = this.world.userRecord(userId);
    if (record.blockedBot === blocked) return;
    record.blockedBot = blocked;
    if (!blocked) record.startedBot = true;
    const bot = this.world.botUser;
    const member = chatMember(bot, "member", false);
    const kicked = chatMember(bot, "kicked", false);
    this.world.queueUpdate({
      my_chat_member: {
        chat: this.world.chatRecord(userId).chat,
        from: record.user,
        date: this.world.unixTime(),
        old_chat_member: blocked ? member : kicked,
        new_chat_member: blocked ? kicked : member,
      },
    });
  }
}
