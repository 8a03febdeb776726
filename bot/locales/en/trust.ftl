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
trust-reminder =
    ⏰ The trust payment on contract { $login } ends { $until }: { $amount } will be taken from the balance.
    The balance is { $balance } now and will be { $balanceAfter } then.
trust-reminder-top-up = To keep your internet on, top up at least { $shortfall }.
trust-reminder-enough = The money is enough: nothing to do.
