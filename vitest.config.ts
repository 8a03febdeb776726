import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // The tests mostly wait (the emulator, PostgreSQL, Redis), so more files than cores run at
    // once; each file has its own database clone and Redis logical database (test/support/).
    maxWorkers: 4,
  },
});
