// The Ubilling emulator's public surface for tests.
export type { UbillingConfig } from "./config.ts";
export { UbillingEmulator, type UbillingEmulatorOptions } from "./emulator.ts";
export type { DownMode, UbillingRequest } from "./server.ts";
export type { FeeRow, NewSubscriber, PaymentRow, Subscriber, Tariff } from "./state.ts";
