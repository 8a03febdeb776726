// What a connection request is made of, as zod schemas: each field on its own (a conversation
// step checks one answer) and the whole request (checked again before it is stored).

import { z } from "zod";
import { normalizePhone } from "../accounts/phone.ts";
import { tariffCodeFormat } from "../billing/import-tariffs.ts";
import { multiline, singleLine } from "../plain-text.ts";

/** The town of an address unless the prospect names another one. */
export const defaultTown = "Каспийск";

const singleSpaced = (value: string) => value.trim().replace(/\s+/g, " ");

// Letters with the spaces, dots, hyphens and apostrophes of names: no digits, no emoji.
const words = /^\p{L}[\p{L}\p{M} .'’-]*$/u;
// What addresses and times are written with: letters, digits and ordinary punctuation.
const plainText = /^[\p{L}\p{M}\p{N} .,:;!?()"'’«»№#/+–—-]+$/u;

export const nameField = z
  .string()
  .transform(singleSpaced)
  .pipe(z.string().min(2).max(80).regex(words));

/** A Russian phone number as typed or shared, to E.164. */
export const phoneField = z.string().transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (phone === null) {
    ctx.addIssue({ code: "custom", message: "not a Russian phone number" });
    return z.NEVER;
  }
  return phone;
});

export const townField = z
  .string()
  .transform(singleSpaced)
  .pipe(z.string().min(2).max(60).regex(words));

/** Street, house and apartment: at least a word and a house number. */
export const addressField = z
  .string()
  .transform(singleSpaced)
  .pipe(
    z
      .string()
      .min(5)
      .max(200)
      .regex(plainText)
      .refine((value) => /\p{L}/u.test(value) && /\p{N}/u.test(value), {
        message: "a street and a house number",
      }),
  );

export const preferredTimeField = z
  .string()
  .transform(singleSpaced)
  .pipe(z.string().min(2).max(100).regex(plainText));

/** Anything the prospect wants to add, up to a length staff will read. */
export const commentField = z.string().trim().pipe(z.string().min(1).max(1000).regex(multiline));

export const tariffCodeField = z.string().regex(tariffCodeFormat);

export const rejectReasonField = z
  .string()
  .transform(singleSpaced)
  .pipe(z.string().min(2).max(500).regex(singleLine));

/** A complete request, as it is stored. */
export const requestInput = z.object({
  name: nameField,
  phone: z.string().regex(/^\+7\d{10}$/),
  town: townField.default(defaultTown),
  address: addressField,
  /** null: "advise me". */
  tariffCode: tariffCodeField.nullable(),
  iptvWanted: z.boolean(),
  preferredTime: preferredTimeField,
  comment: commentField.nullable(),
  telegramUserId: z.number().int().positive().nullable(),
});

export type RequestInput = z.input<typeof requestInput>;
export type ValidRequest = z.output<typeof requestInput>;
