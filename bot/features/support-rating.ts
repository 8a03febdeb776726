// The rating a subscriber gives a closed ticket: drawn under the closing message (support-relay.ts)
// and answered in support.ts, for the subscriber's own ticket only.
import { buttonFamily, idField, numberField } from "../buttons.ts";

export const ratingButton = buttonFamily("support:rate", {
  ticketId: idField(),
  rating: numberField(1).refine((stars) => stars >= 1 && stars <= 5),
});
