// The connect feature's inline buttons: the offer to carry on or restart a request, and the
// answers to the questions. The questions read presses inside the conversation (a press that
// does not read gets the question's hint); the offer's are answered by the feature.
import { draftSteps } from "../../core/requests/draft.ts";
import { tariffCodeField } from "../../core/requests/fields.ts";
import { buttonFamily, oneOfField } from "../buttons.ts";

export const resumeButton = buttonFamily("connect:resume");
export const restartButton = buttonFamily("connect:new");

/** Name another town; back to the default one. */
export const otherTownButton = buttonFamily("connect:town");
export const homeTownButton = buttonFamily("connect:town:home");

/** A tariff by its code, or `adviseCode`: the prospect would like staff to advise one. */
export const tariffButton = buttonFamily("connect:tariff", { code: tariffCodeField });
export const adviseCode = "advise";

export const iptvButton = buttonFamily("connect:iptv", { wanted: oneOfField(["yes", "no"]) });

export const timePresets = ["morning", "day", "evening", "any"] as const;
export const timeButton = buttonFamily("connect:time", { preset: oneOfField(timePresets) });

export const noCommentButton = buttonFamily("connect:comment:none");

/** The summary's: send the request, change a field, drop it. */
export const sendButton = buttonFamily("connect:send");
export const editButton = buttonFamily("connect:edit");
export const dropButton = buttonFamily("connect:drop");

/** The field to change, or back to the summary. */
export const fieldButton = buttonFamily("connect:edit", {
  field: oneOfField([...draftSteps, "back"]),
});
