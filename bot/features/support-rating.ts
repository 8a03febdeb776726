// The rating a subscriber gives a closed ticket: drawn under the closing message (support-relay.ts)
// and answered in support.ts, for the subscriber's own ticket only.
import { InlineKeyboard } from "grammy";
import { buttonFamily, idField, numberField } from "../buttons.ts";

export const ratingButton = buttonFamily("support:rate", {
  ticketId: idField(),
  rating: numberField(1).refine((stars) => stars >= 1 && stars <= 5),
});

/** The rating asked for when a ticket closes. */
export function ratingKeyboard(ticketId: number): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (let rating = 1; rating <= 5; rating++)
    keyboard.text(`${rating} ⭐`, ratingButton.pack({ ticketId, rating }));
  return keyboard;
}
