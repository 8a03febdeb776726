## Trust payment (доверительный платёж)
trust-sign-in-first = Доверительный платёж можно взять после входа в личный кабинет по логину и паролю из договора.
trust-offer =
    🤝 Доверительный платёж · договор { $login }
    Сумма: { $amount }
    Срок: { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }, до { $until }
    Баланс после зачисления: { $balanceAfter }
    Доступно за { $periodDays ->
        [one] { $periodDays } день
        [few] { $periodDays } дня
       *[other] { $periodDays } дней
    }: { $remaining } из { $perPeriod }
    Когда срок закончится, { $amount } спишется с баланса. Пополните его до { $until }, чтобы интернет не отключился.
trust-offer-changed = Сумма изменилась, пока вы думали. Проверьте новое предложение:
trust-confirm = ✅ Взять
trust-cancel = ✖️ Не нужно
trust-cancelled = Хорошо, доверительный платёж не оформлен.
trust-granted =
    ✅ Доверительный платёж { $amount } зачислен на договор { $login } до { $until }.
    Баланс: { $balance }
trust-granted-unblocked = Доступ в интернет восстановлен ✅
trust-granted-left = Ещё можно взять в этом периоде: { $remaining }.
trust-granted-repay = Когда срок закончится, { $amount } спишется с баланса. Пополните его до { $until }, чтобы интернет не отключился.
trust-refused-closed = Договор { $login } расторгнут — доверительный платёж по нему недоступен.
trust-refused-active = По договору { $login } уже действует доверительный платёж { $amount } до { $until }. Новый можно взять, когда он закончится.
trust-refused-too-soon = Доверительный платёж можно брать не чаще { $perPeriod ->
        [one] { $perPeriod } раза
       *[other] { $perPeriod } раз
    } в { $periodDays ->
        [one] { $periodDays } день
        [few] { $periodDays } дня
       *[other] { $periodDays } дней
    }. По договору { $login } следующий будет доступен с { $from }.
trust-refused-balance-fine = Баланса договора { $login } ({ $balance }) хватает на следующее списание ({ $charge }): доверительный платёж нужен, только когда денег не хватает.
trust-reminder =
    ⏰ Доверительный платёж по договору { $login } заканчивается { $until }: с баланса спишется { $amount }.
    Сейчас баланс { $balance }, после списания будет { $balanceAfter }.
trust-reminder-top-up = Чтобы интернет не отключился, пополните баланс хотя бы на { $shortfall }.
trust-reminder-enough = Денег хватает — ничего делать не нужно.
