## Trust payment
trust-sign-in-first = A trust payment is available once you sign in with the login and password from your contract.
trust-offer =
    🤝 Trust payment · contract { $login }
    Amount: { $amount }
    Term: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, until { $until }
    Balance once credited: { $balanceAfter }
    Available per { $periodDays ->
        [one] { $periodDays } day
       *[other] { $periodDays } days
    }: { $remaining } of { $perPeriod }
    When the term ends, { $amount } is taken back from the balance. Top up before { $until } to keep your internet on.
trust-offer-changed = The amount changed in the meantime. Here is the new offer:
trust-offer-credit-line =
    🤝 Trust payment · contract { $login }
    Amount: about { $amount } — the billing sets the exact amount and term; you will see them right after you take it.
    Service fee: { $fee }, taken from the balance at once.
    The internet stays on until the term ends. Top up before then to keep it on.
trust-confirm = ✅ Take it
trust-cancel = ✖️ No, thanks
trust-cancelled = All right, no trust payment.
trust-granted =
    ✅ Trust payment of { $amount } credited to contract { $login } until { $until }.
    Balance: { $balance }
trust-granted-unblocked = Internet access is back on ✅
trust-granted-left = Still available this period: { $remaining }.
trust-granted-repay = When the term ends, { $amount } is taken back from the balance. Top up before { $until } to keep your internet on.
trust-refused-closed = Contract { $login } is closed: no trust payment is available for it.
trust-refused-active = Contract { $login } already has a trust payment of { $amount } until { $until }. A new one is available once it ends.
trust-refused-too-soon = A trust payment may be taken at most { $perPeriod ->
        [one] once
       *[other] { $perPeriod } times
    } in { $periodDays ->
        [one] { $periodDays } day
       *[other] { $periodDays } days
    }. The next one for contract { $login } is available from { $from }.
trust-refused-balance-fine = The balance of contract { $login } ({ $balance }) covers the next charge ({ $charge }): a trust payment is only for when the money runs short.
trust-refused-no-debt = The balance of contract { $login } is not below zero ({ $balance }): a trust payment is only for when the money runs short.
trust-refused-active-open = Contract { $login } already has a trust payment. A new one is available once it ends.
trust-refused-disabled = Trust payments are not available for contract { $login } now. You can top up by card: /topup
trust-refused-wrong-day = On contract { $login } a trust payment can be taken only from day { $minDay } to day { $maxDay } of the month. You can top up by card: /topup
trust-refused-wrong-day-unknown = No trust payment on contract { $login } today: it is available only on certain days of the month. You can top up by card: /topup
trust-refused-frozen = Contract { $login } is frozen or switched off: no trust payment is available for it.
trust-refused-debt-too-deep = The debt on contract { $login } is larger than a trust payment, so it would not help. Please top up: /topup
trust-refused-tariff-not-allowed = The tariff of contract { $login } has no trust payment.
trust-refused-used-this-month = A trust payment on contract { $login } was already taken this month: it is available once a month.
trust-refused-previous-not-paid = There has been no payment on contract { $login } since the previous trust payment. A new one is available after a top-up: /topup
trust-reminder =
    ⏰ The trust payment on contract { $login } ends { $until }: { $amount } will be taken from the balance.
    The balance is { $balance } now and will be { $balanceAfter } then.
trust-reminder-top-up = To keep your internet on, top up at least { $shortfall }.
trust-reminder-enough = The money is enough: nothing to do.
