export { BotApiError } from "./api-error.ts";
export type { ApiCall, ApiResponse, WaitForCallOptions } from "./call-log.ts";
export type { ChatMessage, ThreadFilter, WaitOptions } from "./driver/chat-view.ts";
export { ChatView } from "./driver/chat-view.ts";
export { GroupDriver, type TopicView } from "./driver/group-driver.ts";
export type { PaymentOutcome, PayOptions } from "./driver/payment.ts";
export {
  type ChatTarget,
  type ContactOptions,
  type DocumentOptions,
  type PressOptions,
  UserDriver,
} from "./driver/user-driver.ts";
export {
  BotApiEmulator,
  DEFAULT_TOKEN,
  type EmulatorOptions,
  type NewGroupOptions,
} from "./emulator.ts";
export type { Fault, FaultPlan, FaultTarget, Hold } from "./faults/fault-plan.ts";
export { type RateLimits, TELEGRAM_RATE_LIMITS } from "./faults/rate-limiter.ts";
export { DEFAULT_CURRENCY_LIMITS } from "./methods/payments.ts";
export { type BodyFormat, callApi, type FilePart } from "./raw-api.ts";
export type { ChatAction, MemberStatus } from "./state/chat.ts";
export type { CallbackAnswer } from "./state/queries.ts";
export type { NewUser } from "./state/world.ts";
