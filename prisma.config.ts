// Prisma CLI configuration for connected machines (`npx prisma migrate deploy`, `prisma studio`).
// On offline machines the project's own scripts do the same: see README, "Database".
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/scripts/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
