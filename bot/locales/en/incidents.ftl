# Mass outages: what subscribers are told, and the staff's /incident.
incident-notice-opened =
    ⚠️ Network outage: { $text }
    Down since { $since }. Expected back by { $eta }.
    No need to write to support: we are on it and will tell you when it works again.
incident-notice-eta =
    ⏱ Outage: { $text }
    New expected time: { $eta }.
incident-notice-restored =
    ✅ Service restored: { $text }
    If the internet still does not work, switch the router off for 30 seconds and on again. Still nothing? Write to an operator: /support.

## The staff chat's /incident and /incidents
incident-staff-only = Only members of the staff chat open and close outages.
incident-how =
    An outage: write in one message
    /incident
    Улица: Ленина   (or «Где: весь город»; several streets separated by «;»)
    Дома: 52а, 54   (when not the whole street)
    Услуги: интернет, ТВ   (internet by default)
    Срок: 18:30   (or 04.12 10:00)
    Текст: Cable damaged, the crew is on site.
    The bot shows whom it reaches and asks to confirm.
incident-bad-line = I did not understand the line «{ $line }».
incident-scope-none = Say where: «Улица: …» (and «Дома: …» when not the whole street) or «Где: весь город».
incident-scope-city-and-streets = Either the whole city or streets, not both.
incident-scope-houses-one-street = Houses are given for one street.
incident-scope-unreadable-street = «{ $text }» does not look like a street name.
incident-scope-unreadable-house = «{ $text }» does not look like a house number.
incident-unknown-street = No contract is on «{ $street }» street. Check the spelling.
incident-unknown-houses = No contracts on { $street } street in houses: { $houses }.
incident-eta-missing = Give the expected time: «Срок: 18:30» or «Срок: 04.12 10:00».
incident-eta-unreadable = I did not understand «{ $eta }»: write 18:30 or 04.12 10:00.
incident-eta-past = «{ $eta }» has passed already.
incident-eta-too-far = «{ $eta }» is more than a month ahead: check the date.
incident-text-missing = Add the text for subscribers: «Текст: …» (up to 1000 characters).
incident-where-city = the whole city
incident-where-street = { $street } st.
incident-where-houses = { $street } st., houses { $houses }
incident-service-internet = internet
incident-service-iptv = TV
incident-preview =
    🚧 Outage #{ $id }: draft
    Where: { $where }
    Services: { $services }
    Expected back: { $eta }
    It reaches contracts: { $contracts }, subscribers in Telegram: { $subscribers }.

    Subscribers will read:
    { $notice }
incident-open = ✅ Open and tell them ({ $count })
incident-drop = ✖️ Cancel
incident-dropped = Outage #{ $id } was not opened.
incident-opened =
    🚧 Outage #{ $id } is open ({ $by }).
    Where: { $where }. Expected back: { $eta }.
    Telling subscribers: { $notices }. Open ones: /incidents.
incident-step-taken = Outage #{ $id } is there already: someone pressed first.
incident-none-open = No open outages.
incident-entry =
    🚧 Outage #{ $id }: { $where } ({ $services })
    Since { $since }, expected back { $eta }
    Told: { $told }, wrote in: { $wrote }
    «{ $text }»
incident-eta-plus = +{ $minutes } min
incident-eta-changed = New time { $eta }; notices: { $notices }.
incident-resolve = ✅ Restored
incident-resolve-confirm =
    Close outage #{ $id }?
    "Service restored" goes to those told ({ $told }) and those who wrote in ({ $wrote }).
incident-resolve-yes = ✅ Yes, restored
incident-resolve-no = ↩️ No
incident-resolved = ✅ Outage #{ $id } is closed ({ $by }). "Restored" notices: { $notices }.

## What an affected subscriber sees first
incident-banner =
    🚧 Network outage: { $text }
    Down since { $since }, expected back by { $eta }. We are on it and will tell you when it works.

## The incident's topic in the agents' group, and the attached subscriber
incident-topic-name = 🚧 Outage #{ $id }: { $where }
incident-digest = 📨 Subscribers wrote:
incident-digest-line = • { $at } { $name } ({ $login }): { $text }
support-incident-attached =
    Your request is added to outage #{ $id }: operators see it and will answer everyone affected at once.
    We will write when service is back. To add something, just write here.
support-incident-noted = Passed to the operators with the outage's requests. We will answer as soon as there is news.

## An agent's answer to everyone attached
incident-notice-reply =
    💬 Operator, about the outage: { $text }
incident-reply-confirm = Send this message to every subscriber who wrote in about outage #{ $id } ({ $count })?
incident-reply-send = 📣 Send ({ $count })
incident-reply-drop = ✖️ Do not send
incident-reply-dropped = Not sent.
incident-reply-sent = 📣 Sent to the outage's subscribers: { $count } ({ $by }).
incident-reply-already = Sent already ({ $count }).
incident-reply-text-only = Only text goes to all the outage's subscribers: write it as a message.
incident-reply-closed = Outage #{ $id } is closed already: nothing was sent to subscribers.

## A cluster of "no internet" no incident covers
incident-suggestion = 🔎 Looks like an outage: { $count } subscribers ({ $where }) said within { $minutes } min that there is no internet. No outage is open there.
incident-suggestion-open = 🚧 Open an outage
incident-suggested-text = Trouble on the line, the crew is finding the cause.

## An attached subscriber's question that is not about the outage, moved to a ticket of its own
incident-move-button = ↗ { $who }
incident-move-moved = Moved to request #{ $ticket }: a topic of its own is open.
incident-move-already = Moved already, to request #{ $ticket }.
incident-move-resolved = The outage is over and its requests are closed. If the subscriber writes again, it will be an ordinary request.
incident-move-closed = This request is closed already.
incident-move-summary = ↗ Moved out of outage #{ $id } ({ $by }). The subscriber wrote:
incident-move-summary-line = • { $at } { $text }
support-incident-moved =
    Your question is not about the outage, so it is now a request of its own, #{ $ticket }. An operator will answer it separately, here in this chat.

## The incident's topic after the resolve
incident-card-resolved = ✅ Restored { $at } ({ $by })
incident-topic-closing =
    ✅ Outage #{ $id } resolved ({ $by }, { $at }), topic closed.
    Subscribers were sent:
    { $notice }
