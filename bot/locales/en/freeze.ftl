## Voluntary freeze
freeze-not-available = A freeze cannot be ordered in the bot yet: please call us or visit the office — /contacts
freeze-status-none =
    ❄️ Freeze · contract { $login }
    While frozen, internet and IPTV are off and no subscription fee is charged.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
    { $fee ->
        [free] Freezing is free of charge.
       *[other] Freezing fee: { $fee }, taken from the balance at once.
    }
    { $start ->
        [today] A freeze starts today and lasts until you unfreeze it. Unfreeze at any time.
       *[any] Start today or on any day until { $latestStart }. Unfreeze at any time.
    }
freeze-status-frozen =
    ❄️ Contract { $login } is frozen from { $from } to { $to } inclusive.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
freeze-status-frozen-open =
    ❄️ Contract { $login } is frozen from { $from } until you unfreeze it{ $lastDay ->
        [none] {""}
       *[other] {", "}at the latest to { $lastDay }
    }.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
freeze-status-scheduled =
    ❄️ A freeze of contract { $login } is scheduled: from { $from } to { $to } inclusive.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
freeze-status-scheduled-open =
    ❄️ A freeze of contract { $login } is scheduled: from { $from } until you unfreeze it{ $lastDay ->
        [none] {""}
       *[other] {", "}at the latest to { $lastDay }
    }.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
freeze-from-today = ❄️ From today
freeze-from-date = 📅 From another date
freeze-unfreeze = 🔥 Unfreeze
freeze-call-off = ✖️ Call off the freeze
freeze-ask-date =
    From which day should contract { $login } be frozen? Write the date as DD.MM.YYYY, e.g. { $example }.
    Any day from today to { $latestStart }.
freeze-bad-date = I could not read that date. Write it as DD.MM.YYYY, e.g. { $example }. Changed your mind? /cancel
freeze-choose-days =
    ❄️ Freeze of contract { $login } from { $from }.
    For how many days? { $minDays } to { $maxDays }, or until you unfreeze it.
freeze-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
freeze-until-unfrozen = ♾ Until I unfreeze it
freeze-other-days = ✏️ Another number of days
freeze-ask-days = For how many days should contract { $login } be frozen from { $from }? Write a number from { $minDays } to { $maxDays }.
freeze-bad-days = Write the number of days in digits: { $minDays } to { $maxDays }. Changed your mind? /cancel
freeze-confirm-text =
    ❄️ Freeze contract { $login }?
    { $until ->
        [open] From { $from } until you unfreeze it{ $lastDay ->
        [none] {""}
       *[other] {", "}at the latest to { $lastDay }
    }.
       *[other] From { $from } to { $to } inclusive: { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
    }
    { $fee ->
        [free] Freezing is free of charge.
       *[other] Freezing fee: { $fee }, taken now; the balance will be { $balanceAfter }.
    }
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] { $until ->
            [open] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
           *[other] Freeze days left in { $year } after it: { $daysLeftAfter } of { $perYear }.
        }
    }
freeze-confirm = ✅ Freeze
freeze-cancel = ✖️ No, thanks
freeze-cancelled = All right, the contract is not frozen.
freeze-fee-changed = The freezing fee has changed. Please check again:
freeze-done-frozen = ✅ Contract { $login } is frozen from { $from }. No subscription fee is charged meanwhile.
freeze-done-scheduled = ✅ A freeze of contract { $login } is scheduled from { $from }. Until then everything works as usual.
freeze-done-fee = Freezing fee taken: { $fee }. Balance: { $balance }.
freeze-done-unfreeze = You can unfreeze at any time: /freeze
freeze-ask-unfreeze = Unfreeze contract { $login }? Internet and IPTV are back today; the subscription fee is charged again from tomorrow.
freeze-ask-call-off = Call off the freeze of contract { $login } from { $from }?{ $fee ->
        [free] {""}
       *[other] {" "}The freezing fee ({ $fee }) goes back to the balance.
    }
freeze-unfreeze-yes = 🔥 Yes, unfreeze
freeze-call-off-yes = ✖️ Yes, call it off
freeze-keep = Keep it
freeze-kept = All right, the freeze stays.
freeze-unfrozen =
    ✅ Contract { $login } is unfrozen: it was frozen from { $from } to { $to }.
    { $limited ->
        [no] Freeze days are not limited per year.
       *[yes] Freeze days left in { $year }: { $daysLeft } of { $perYear }.
    }
freeze-called-off = ✅ The freeze of contract { $login } from { $from } is called off.
freeze-called-off-refund = Freezing fee returned: { $refund }. Balance: { $balance }.
freeze-not-frozen = Contract { $login } is not frozen.
freeze-refused-closed = Contract { $login } is closed: it cannot be frozen.
freeze-refused-debt = Contract { $login } can be frozen once there is no debt. The balance is { $balance }: please top up — /topup
freeze-refused-start-in-past = That date has passed. A freeze can start today ({ $today }) or later.
freeze-refused-start-too-far = That is too far ahead: a freeze can start on { $latestStart } at the latest.
freeze-refused-too-short = A freeze lasts at least { $minDays ->
        [one] { $minDays } day
       *[other] { $minDays } days
    }.
freeze-refused-too-long = One freeze lasts at most { $maxDays ->
        [one] { $maxDays } day
       *[other] { $maxDays } days
    }.
freeze-refused-used-up = The freeze days of { $year } are used up: all { $perYear } of them.
freeze-refused-days-left = From that date the contract can be frozen for at most { $maxDays ->
        [one] { $maxDays } day
       *[other] { $maxDays } days
    }: freeze days left in { $year }: { $daysLeft } of { $perYear }.
freeze-refused-balance = The freezing fee is { $fee }, and the balance is { $balance }. Please top up — /topup
freeze-line-frozen = ❄️ Frozen from { $from } to { $to }
freeze-line-frozen-open = ❄️ Frozen from { $from } until unfrozen{ $lastDay ->
        [none] {""}
       *[other] {" "}(at the latest to { $lastDay })
    }
freeze-line-scheduled = ❄️ Freeze scheduled from { $from } to { $to }
freeze-line-scheduled-open = ❄️ Freeze scheduled from { $from } until unfrozen
freeze-balance-no-charge = No subscription fee is charged while frozen.
history-kind-freeze-fee = contract freeze
freeze-refused-not-offered = Self-service freeze of contract { $login } is switched off in the billing. It can be arranged at the office — Kaspiysk, 52a Lenina St., 8 800 700-54-05.
freeze-refused-tariff-not-allowed = On the tariff "{ $tariff }" a freeze cannot be ordered by yourself. Please contact the office — Kaspiysk, 52a Lenina St., 8 800 700-54-05.
freeze-refused-open-ended-only = Here a freeze starts today and lasts until you unfreeze it: choose "From today" in /freeze.
freeze-unfreeze-elsewhere = The billing does not let you unfreeze contract { $login } yourself. Call the office — 8 800 700-54-05, and we will.
