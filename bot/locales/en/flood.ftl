## Flood guard
flood-warning = Please slow down: your messages are coming faster than the bot can answer. Wait a few seconds; what arrives meanwhile stays unanswered.
