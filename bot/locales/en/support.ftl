## Support: frequent questions, tickets, the relay to agents
support-intro =
    💬 Kaspnet support. Frequent questions — pick yours.
    No answer there? Write to an agent right here.
support-faq-internet = 🚫 No internet
support-faq-speed = 🐢 Slow speed
support-faq-pay = 💳 How to pay
support-faq-trust = 🤝 Trust payment
support-faq-tariff = 📶 Changing the tariff
support-faq-iptv = 📺 IPTV not working
support-answer-internet =
    🚫 No internet
    1. Check the balance: /balance. Below zero the access is blocked — top up by card (/topup) or take a trust payment (/trust).
    2. Switch the router off for 30 seconds and on again.
    3. Check that the cable sits firmly in the router's WAN (Internet) port.
    Still nothing — write to an agent or call 8 800 700-54-05 (free call).
support-answer-speed =
    🐢 Slow speed
    1. Measure the speed over a cable, not Wi-Fi: 2.4 GHz Wi-Fi and walls slow it down a lot, use the 5 GHz network.
    2. Restart the router and stop downloads on other devices.
    3. Your tariff's speed is in /tariffs.
    If the cable speed is far below the tariff's — write to an agent.
support-answer-pay =
    💳 How to pay
    By card — right in the bot: /topup, the money arrives at once.
    In cash — only at the office: Kaspiysk, Lenina st. 52a (Mon–Fri 9:00–18:00, Sat 10:00–15:00).
support-answer-trust =
    🤝 Trust payment
    Out of money and cannot pay right away — take a trust payment: /trust. The amount is a month's fee (at least the debt), for 3 days, at most once in 30 days.
    After 3 days the amount is taken back: top up before then.
support-answer-tariff =
    📶 Changing the tariff
    Open /tariffs and pick a new internet tariff: it starts on the 1st of next month, and until then the change can be cancelled. IPTV is switched on or off from the next day.
support-answer-iptv =
    📺 IPTV not working
    1. Check that an IPTV package is on (/tariffs) and the balance is not below zero (/balance).
    2. Restart the set-top box and the router; the box must be connected by cable.
    Still no channels — write to an agent or call 8 800 700-54-05.
support-write-agent = ✍️ Write to an agent
support-back = « All questions
support-not-configured = The chat with an agent is not available yet. Call 8 800 700-54-05 (free call) or come to the office: Kaspiysk, Lenina st. 52a.
support-working-hours = Support works Mon–Fri 9:00–18:00, Sat 10:00–15:00.
support-off-hours-when = We are closed now: an agent will answer { $days ->
        [0] today
        [1] tomorrow
       *[other] on { $weekday ->
            [1] Monday
            [2] Tuesday
            [3] Wednesday
            [4] Thursday
            [5] Friday
            [6] Saturday
           *[7] Sunday
        }
    } from { $time }.
support-opened =
    Ticket #{ $ticket } is open. Write your question in one or more messages, photos and documents welcome — an agent will answer here, in this chat.
    { support-working-hours }
support-opened-off-hours =
    Ticket #{ $ticket } is open. Write your question in one or more messages, photos and documents welcome — an agent will answer here, in this chat.
    { support-off-hours-when } { support-working-hours }
support-opened-follow-up =
    Your last ticket was closed more than a day ago, so a new one is open — #{ $ticket }. Your message went to an agent, who will answer here, in this chat.
    { support-working-hours }
support-opened-follow-up-off-hours =
    Your last ticket was closed more than a day ago, so a new one is open — #{ $ticket }. Your message went to an agent, who will answer here, in this chat.
    { support-off-hours-when } { support-working-hours }
support-existing = Your ticket #{ $ticket } is already open — just write here, an agent will answer.
support-reopened = Ticket #{ $ticket } is open again — write, an agent will answer here.
support-closed =
    Ticket #{ $ticket } is closed. If anything is left, just write here within a day.
    Please rate the agent's help:
support-rated = Thank you for the rating: { $rating } of 5!
support-reopened-by-agent = An agent reopened ticket #{ $ticket } — you can go on writing.
support-not-copyable = This kind of message cannot be passed to an agent. Send text, a photo, a document, a voice message or a location.
support-card-title = 🎫 Ticket #{ $ticket } · { $status ->
        [OPEN] open
       *[CLOSED] closed
    }
support-card-account = 📄 Contract { $login }: { $name }
support-card-status = Status: { $status ->
        [ACTIVE] active
        [BLOCKED] blocked
       *[CLOSED] closed
    } · balance { $balance }
support-card-tariffs = 📶 Tariff: { $tariffs }
support-card-no-tariff = none
support-card-address = 🏠 Address: { $address }
support-card-phone = ☎️ Phone: { $phone }
support-card-trust = 🤝 Trust payment: { $amount } until { $until }
support-card-payments = 💳 Last payments:
support-card-payment = • { $at } — { $amount }, { $status ->
        [PAID] paid
        [PENDING] not paid
       *[EXPIRED] expired
    }
support-card-no-payments = 💳 No card payments yet
support-card-unlinked = ⚠️ Not linked to a contract
support-card-telegram = Telegram: { $name } · id { $id }
support-card-request = 📝 Connection request #{ $id }: { $address } ({ $status ->
        [NEW] new
       *[IN_PROGRESS] in progress
    })
support-card-help = Reply in this topic and the message goes to the subscriber. // at the start — a note for colleagues. /close — close, /reopen — open again, /card — refresh the card.
support-card-refresh = 🔄 Refresh the card
support-topic-unlinked = no contract
support-agent-wrote-again = The subscriber wrote again — the ticket is open again.
support-agent-closed = ✅ Ticket closed ({ $agent }). The subscriber was asked to rate the help.
support-agent-reopened = Ticket open again ({ $agent }).
support-agent-already-closed = The ticket is already closed. /reopen — open it again.
support-agent-already-open = The ticket is open already.
support-agent-ticket-closed = The ticket is closed — the message did not go to the subscriber. /reopen — open it again.
support-agent-not-delivered = ⚠️ Not delivered: the subscriber blocked the bot.
support-agent-failed = ⚠️ Not delivered: Telegram did not accept the message.
support-agent-only = Only members of the support group act on tickets.
support-agent-check-failed = Could not check that you are a member of the support group: Telegram did not answer. Please try again.
support-agent-check-failed-not-sent = ⚠️ Not sent to the subscriber: could not check that you are a member of the support group. Please send it again.
support-card-updated = Card refreshed
support-correction = ✏️ Correction:
support-stats =
    📊 Support
    Today: { $today }
    Since Monday: { $week }
    Open now: { $open }
support-stats-period = opened { $opened }, closed { $closed }, first answer (median) { $response }, resolution (median) { $resolution }, rating { $rating }
support-stats-none = —
support-stats-minutes = { $minutes } min
support-stats-hours = { $hours } h { $minutes } min
support-stats-days = { $days } d { $hours } h
support-stats-rating = { $average } of 5 ({ $count })
support-alert = ⏰ Waiting for an agent for over 15 minutes:
support-alert-line = • #{ $ticket }, writing since { $since } { $link }
support-idle-closed =
    Ticket #{ $ticket } is closed: no new messages for two days. If anything is left, write here.
    Please rate the agent's help:
support-agent-idle-closed = Ticket closed automatically: 48 hours without messages.
support-card-grant-trust = 🤝 Trust payment
support-trust-granted = { $agent } granted a trust payment of { $amount } until { $until }.
support-trust-granted-subscriber = On ticket №{ $ticket } an agent granted you a trust payment. Balance and term: /balance
support-trust-refused-closed = The contract is closed: no trust payment.
support-trust-refused-active = A trust payment is already active.
support-trust-refused-balance-fine = The balance covers the next charge: no trust payment is needed.
support-trust-refused-too-soon = The trust payments of this period are used up.
support-trust-refused-disabled = The billing gives no trust payments now.
support-trust-refused-wrong-day = No trust payment today: only on certain days of the month.
support-trust-refused-frozen = The contract is frozen or switched off: no trust payment.
support-trust-refused-debt-too-deep = The debt is larger than a trust payment.
support-trust-refused-tariff-not-allowed = The subscriber's tariff has no trust payment.
support-trust-refused-used-this-month = A trust payment was already taken this month.
support-trust-refused-previous-not-paid = No payment since the previous trust payment.
support-trust-refused-changed = The amount has changed; press again.
support-card-invoice = 💳 Send an invoice
support-invoice-sent = { $agent } sent the subscriber an invoice for { $amount }.
support-invoice-closed = The contract is closed: no invoice sent.
support-invoice-out-of-range = The amount is out of range: no invoice sent.
support-card-billing-unavailable = 💰 Balance and tariff: the billing is not answering now — refresh the card later
