## Balance and history
balance-sign-in-first = Your balance is shown once you sign in with the login and password from your contract.
balance-title = 💰 Balance · contract { $login }
    { $accountName }
balance-amount = Balance: { $amount }
balance-status-active = Status: active ✅
balance-status-blocked = Status: blocked ⛔ (not enough money). Top up or take a trust payment.
balance-status-closed = Status: contract closed
balance-tariff-internet = Internet: { $name }, { $speed } Mbit/s, { $fee } a month
balance-tariff-iptv = IPTV: { $name }, { $channels } channels, { $fee } a month
balance-daily-charge = Daily charge: { $amount }
balance-enough-until = Enough until { $date } inclusive ({ $days ->
        [one] { $days } more day
       *[other] { $days } more days
    })
balance-not-enough = Not enough for the next charge: please top up.
balance-trust = Trust payment: { $amount } until { $until }
balance-history = 📜 Payment history
history-title = 📜 History · contract { $login }
history-period = Period: { $from } to { $to }
history-empty = No operations in this period.
history-entry = { $at } · { $what } · { $amount }
history-charges = { $month } · subscription fee, { $days ->
        [one] { $days } day
       *[other] { $days } days
    } · { $amount }
history-kind-card-topup = card top-up
history-kind-card-refund = card payment refund
history-kind-cash-topup = cash payment at the office
history-kind-trust-credit = trust payment
history-kind-trust-repay = trust payment repaid
history-kind-adjustment = balance adjustment
history-kind-daily-charge = subscription fee
history-kind-topup = top-up
history-kind-charge = charge
history-totals = In: { $credited } · Out: { $charged }
history-page = Page { $page } of { $pages }
history-period-this-month = This month
history-period-last-month = Last month
history-period-3-months = 3 months
history-newer = ◀️ Newer
history-older = Older ▶️
history-back = ⬅️ Back to balance
