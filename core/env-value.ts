// An environment variable as the settings read it: trimmed, and unset when empty.
import { z } from "zod";

export const optional = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();
