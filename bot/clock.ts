// The time the bot's features act at: the real time, or a test's controlled clock (BotDeps.clock).
export type Clock = () => Date;

export const realClock: Clock = () => new Date();

export const clockOf = (deps: { clock?: Clock }): Clock => deps.clock ?? realClock;
