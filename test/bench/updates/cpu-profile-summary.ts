// Where a V8 CPU profile (.cpuprofile) spends its time: self time by function and by module (an
// npm package, a file of ours, Node's internals, the garbage collector), as shares of the time the
// process was not idle; and by area, where the time of Node's own code and of native functions
// (a socket's writev) goes to the nearest package or file of ours up the stack that called it.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  ms: number;
  /** Of the busy (not idle) time. */
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  functions: SelfTime[];
  modules: SelfTime[];
  areas: SelfTime[];
}

const root = new URL("../../../", import.meta.url).href;

/** `@grammyjs/runner`, `bot/features/balance.ts`, `node internals`, `(garbage collector)`. */
export function moduleOf(url: string, functionName: string): string {
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const packages = url.split("/node_modules/");
  if (packages.length > 1) {
    const [scope, name] = (packages.at(-1) ?? "").split("/");
    return scope?.startsWith("@") ? `${scope}/${name}` : (scope ?? url);
  }
  return url.startsWith(root) ? url.slice(root.length) : url;
}

const areas: [RegExp, string][] = [
  [/^(bot|core)\//, "our code (bot/, core/)"],
  [/^(@prisma\/|prisma$|wasm:)/, "Prisma (its query compiler is the wasm)"],
  [/^(pg|pg-.*|postgres-.*)$/, "pg (node-postgres)"],
  [
    /^(grammy|@grammyjs\/.*|node-fetch|abort-controller)$/,
    "grammY and its plugins (node-fetch: its HTTP)",
  ],
  [/^(temporal-polyfill|temporal-spec)$/, "temporal-polyfill (dates)"],
  [/^(@fluent\/.*)$/, "Fluent (translations)"],
  [/^(ioredis|@ioredis\/.*|redis-.*|cluster-key-slot|denque)$/, "ioredis"],
  [
    /^(pino|pino-.*|sonic-boom|thread-stream|fast-redact|quick-format-unescaped)$/,
    "pino (logging)",
  ],
  [/^(prom-client|tdigest|bintrees)$/, "prom-client (metrics)"],
  [/^node internals$/, "Node internals (http, net, streams, timers)"],
  [/^\(garbage collector\)$/, "garbage collector"],
  [/^\(native\)$/, "native, called from no package (microtasks, I/O callbacks)"],
  [/^\(program\)$/, "(program): V8 and Node outside JavaScript"],
];

/** Modules whose time is really their caller's: Node's own code and native functions. */
const runsForCaller = (module: string) =>
  module === "node internals" || module === "(native)" || module === "(program)";

/** A coarser grouping of modules: ours, Prisma, pg, grammY, Node, the garbage collector… */
export function areaOf(module: string): string {
  return areas.find(([pattern]) => pattern.test(module))?.[1] ?? `other: ${module}`;
}

function ranked(totals: Map<string, number>, busyMs: number, top: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / busyMs }));
}

export function summarizeProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  /** The module a sample's time is charged to by area: the nearest package or file of ours. */
  const chargedModule = (id: number) => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame) break;
      const module = moduleOf(frame.url, frame.functionName);
      if (!runsForCaller(module) && module !== "(root)") return module;
    }
    const frame = byId.get(id)?.callFrame;
    return frame ? moduleOf(frame.url, frame.functionName) : "(native)";
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  const byArea = new Map<string, number>();
  let busyMs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame || frame.functionName === "(idle)" || frame.functionName === "(root)") continue;
    // The profiler's own work (stopping it, the profile's serialization) is not the bot's.
    if (chargedModule(id).endsWith("cpu-profile-preload.mjs")) continue;
    const ms = us / 1000;
    busyMs += ms;
    const module = moduleOf(frame.url, frame.functionName);
    const where = frame.url === "" ? "" : ` ${module}:${frame.lineNumber + 1}`;
    const name = `${frame.functionName || "(anonymous)"}${where}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    modules.set(module, (modules.get(module) ?? 0) + ms);
    const area = areaOf(chargedModule(id));
    byArea.set(area, (byArea.get(area) ?? 0) + ms);
  }
  return {
    busyMs: Math.round(busyMs),
    functions: ranked(functions, busyMs, top),
    modules: ranked(modules, busyMs, top),
    areas: ranked(byArea, busyMs, top),
  };
}
