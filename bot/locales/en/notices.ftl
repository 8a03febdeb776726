## The provider's own messages: low balance, service blocked, reminders
notice-low-balance =
    ⚠️ Contract { $login }: the balance is { $balance }, the daily charge { $charge }.
    { $days ->
        [0] The money does not cover today:
        [one] The money lasts { $days } day:
       *[other] The money lasts { $days } days:
    } the internet is switched off on { $stopsOn } unless the balance is topped up.
    Top up by card here or in cash at the office (Kaspiysk, Lenina St. 52a).
notice-service-blocked =
    ⛔ Contract { $login }: the service is suspended, the balance is { $balance }.
    Top up at least { $debt } and the internet comes back on by itself. If the money comes later, take a trust payment.
notice-reminders-off = 🔕 Stop reminding
notice-reminders-turned-off = Balance reminders for contract { $login } are off. You can turn them on again in /profile.
notice-card-payment = ✅ A card payment of { $amount } was credited to contract { $login }. Balance: { $balance }.
notice-card-refund = ↩️ A refund of a card payment to contract { $login } has been made: { $amount }. The money goes back to the card it was paid with; when it arrives depends on the bank.
notice-card-refund-balance = Balance after the refund: { $balance }.
