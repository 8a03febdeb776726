// A request being filled in: the answers so far, which step comes next, and the finished request.
// Kept between visits (see draft-store.ts), so a prospect who leaves halfway carries on later.
import { z } from "zod";
import {
  addressField,
  commentField,
  nameField,
  preferredTimeField,
  type RequestInput,
  requestInput,
  tariffCodeField,
  townField,
  type ValidRequest,
} from "./fields.ts";

export const requestDraft = z.object({
  name: nameField.optional(),
  phone: z
    .string()
    .regex(/^\+7\d{10}$/)
    .optional(),
  town: townField.optional(),
  address: addressField.optional(),
  /** null: "advise me"; absent: not asked yet. */
  tariffCode: tariffCodeField.nullable().optional(),
  iptvWanted: z.boolean().optional(),
  preferredTime: preferredTimeField.optional(),
  /** null: no comment; absent: not asked yet. */
  comment: commentField.nullable().optional(),
});

export type RequestDraft = z.output<typeof requestDraft>;

/** The questions, in the order they are asked. */
export const draftSteps = [
  "name",
  "phone",
  "address",
  "tariff",
  "iptv",
  "time",
  "comment",
] as const;
export type DraftStep = (typeof draftSteps)[number];

const answered: Record<DraftStep, (draft: RequestDraft) => boolean> = {
  name: (draft) => draft.name !== undefined,
  phone: (draft) => draft.phone !== undefined,
  address: (draft) => draft.address !== undefined,
  tariff: (draft) => draft.tariffCode !== undefined,
  iptv: (draft) => draft.iptvWanted !== undefined,
  time: (draft) => draft.preferredTime !== undefined,
  comment: (draft) => draft.comment !== undefined,
};

/** The first question not answered yet; undefined when the request is ready to send. */
export function nextStep(draft: RequestDraft): DraftStep | undefined {
  return draftSteps.find((step) => !answered[step](draft));
}

/** How many questions the draft has answers to. */
export const answeredSteps = (draft: RequestDraft) =>
  draftSteps.filter((step) => answered[step](draft)).length;

export const isEmptyDraft = (draft: RequestDraft) => answeredSteps(draft) === 0;

/** The request to send, or null while a step is unanswered (or a stored answer went bad). */
export function completeDraft(
  draft: RequestDraft,
  telegramUserId: number | null,
): ValidRequest | null {
  if (nextStep(draft) !== undefined) return null;
  const input: Partial<RequestInput> = { ...draft, telegramUserId };
  const parsed = requestInput.safeParse(input);
  return parsed.success ? parsed.data : null;
}
