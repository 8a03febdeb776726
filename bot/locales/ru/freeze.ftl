## Voluntary freeze (добровольная блокировка)
freeze-not-available = Заморозку договора через бота пока не оформить: позвоните нам или зайдите в офис — /contacts
freeze-status-none =
    ❄️ Заморозка · договор { $login }
    На время заморозки интернет и IPTV отключены, абонентская плата не списывается.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
    { $fee ->
        [free] Включение бесплатно.
       *[other] Плата за включение: { $fee }, спишется с баланса сразу.
    }
    { $start ->
        [today] Заморозка начинается сегодня и длится до разморозки. Разморозить — в любой момент.
       *[any] Начать можно сегодня или с любого дня по { $latestStart }. Разморозить — в любой момент.
    }
freeze-status-frozen =
    ❄️ Договор { $login } заморожен с { $from } по { $to } включительно.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
freeze-status-frozen-open =
    ❄️ Договор { $login } заморожен с { $from } до разморозки{ $lastDay ->
        [none] {""}
       *[other] {", "}но не дольше чем по { $lastDay }
    }.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
freeze-status-scheduled =
    ❄️ Заморозка договора { $login } запланирована: с { $from } по { $to } включительно.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
freeze-status-scheduled-open =
    ❄️ Заморозка договора { $login } запланирована: с { $from } до разморозки{ $lastDay ->
        [none] {""}
       *[other] {", "}но не дольше чем по { $lastDay }
    }.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
freeze-from-today = ❄️ С сегодняшнего дня
freeze-from-date = 📅 С другой даты
freeze-unfreeze = 🔥 Разморозить
freeze-call-off = ✖️ Отменить заморозку
freeze-ask-date =
    С какого дня заморозить договор { $login }? Напишите дату в виде ДД.ММ.ГГГГ, например { $example }.
    Можно с сегодняшнего дня по { $latestStart }.
freeze-bad-date = Не получилось прочитать дату. Напишите её в виде ДД.ММ.ГГГГ, например { $example }. Передумали — /cancel
freeze-choose-days =
    ❄️ Заморозка договора { $login } с { $from }.
    На сколько дней? От { $minDays } до { $maxDays }, или до разморозки.
freeze-days = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
freeze-until-unfrozen = ♾ До разморозки
freeze-other-days = ✏️ Другое число дней
freeze-ask-days = На сколько дней заморозить договор { $login } с { $from }? Напишите число от { $minDays } до { $maxDays }.
freeze-bad-days = Напишите число дней цифрами: от { $minDays } до { $maxDays }. Передумали — /cancel
freeze-confirm-text =
    ❄️ Заморозить договор { $login }?
    { $until ->
        [open] С { $from } до разморозки{ $lastDay ->
        [none] {""}
       *[other] {", "}но не дольше чем по { $lastDay }
    }.
       *[other] С { $from } по { $to } включительно: { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }.
    }
    { $fee ->
        [free] Включение бесплатно.
       *[other] Плата за включение: { $fee } — спишется сейчас, баланс станет { $balanceAfter }.
    }
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] { $until ->
            [open] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
           *[other] Останется дней заморозки в { $year } году: { $daysLeftAfter } из { $perYear }.
        }
    }
freeze-confirm = ✅ Заморозить
freeze-cancel = ✖️ Не нужно
freeze-cancelled = Хорошо, договор не заморожен.
freeze-fee-changed = Плата за включение изменилась. Проверьте ещё раз:
freeze-done-frozen = ✅ Договор { $login } заморожен с { $from }. Абонентская плата на это время не списывается.
freeze-done-scheduled = ✅ Заморозка договора { $login } запланирована с { $from }. До этого дня всё работает как обычно.
freeze-done-fee = Списана плата за включение: { $fee }. Баланс: { $balance }.
freeze-done-unfreeze = Разморозить можно в любой момент: /freeze
freeze-ask-unfreeze = Разморозить договор { $login }? Интернет и IPTV снова заработают сегодня, абонентская плата будет списываться с завтрашнего дня.
freeze-ask-call-off = Отменить заморозку договора { $login } с { $from }?{ $fee ->
        [free] {""}
       *[other] {" "}Плата за включение ({ $fee }) вернётся на баланс.
    }
freeze-unfreeze-yes = 🔥 Да, разморозить
freeze-call-off-yes = ✖️ Да, отменить
freeze-keep = Оставить как есть
freeze-kept = Хорошо, заморозка остаётся.
freeze-unfrozen =
    ✅ Договор { $login } разморожен: заморозка с { $from } по { $to }.
    { $limited ->
        [no] Дни заморозки в году не ограничены.
       *[yes] Осталось дней заморозки в { $year } году: { $daysLeft } из { $perYear }.
    }
freeze-called-off = ✅ Заморозка договора { $login } с { $from } отменена.
freeze-called-off-refund = Плата за включение возвращена: { $refund }. Баланс: { $balance }.
freeze-not-frozen = Договор { $login } не заморожен.
freeze-refused-closed = Договор { $login } расторгнут — заморозка по нему недоступна.
freeze-refused-debt = Заморозить договор { $login } можно, когда на балансе нет долга. Сейчас баланс { $balance } — пополните его: /topup
freeze-refused-start-in-past = Эта дата уже прошла. Заморозить можно с сегодняшнего дня ({ $today }) или позже.
freeze-refused-start-too-far = Так далеко вперёд заморозку не оформить: начать можно не позже { $latestStart }.
freeze-refused-too-short = Заморозка — не меньше чем на { $minDays ->
        [one] { $minDays } день
        [few] { $minDays } дня
       *[other] { $minDays } дней
    }.
freeze-refused-too-long = За один раз можно заморозить не больше чем на { $maxDays ->
        [one] { $maxDays } день
        [few] { $maxDays } дня
       *[other] { $maxDays } дней
    }.
freeze-refused-used-up = Дни заморозки на { $year } год закончились: использованы все { $perYear }.
freeze-refused-days-left = С этой даты можно заморозить не больше чем на { $maxDays ->
        [one] { $maxDays } день
        [few] { $maxDays } дня
       *[other] { $maxDays } дней
    }: в { $year } году осталось дней заморозки: { $daysLeft } из { $perYear }.
freeze-refused-balance = Плата за включение заморозки — { $fee }, а на балансе { $balance }. Пополните его: /topup
freeze-line-frozen = ❄️ Заморожен с { $from } по { $to }
freeze-line-frozen-open = ❄️ Заморожен с { $from } до разморозки{ $lastDay ->
        [none] {""}
       *[other] {" "}(не дольше чем по { $lastDay })
    }
freeze-line-scheduled = ❄️ Заморозка запланирована с { $from } по { $to }
freeze-line-scheduled-open = ❄️ Заморозка запланирована с { $from } до разморозки
freeze-balance-no-charge = На время заморозки абонентская плата не списывается.
history-kind-freeze-fee = заморозка договора
freeze-refused-not-offered = Самостоятельная заморозка договора { $login } в биллинге выключена. Оформить её можно в офисе — г. Каспийск, ул. Ленина 52а, 8 800 700-54-05.
freeze-refused-tariff-not-allowed = На тарифе «{ $tariff }» заморозку самому не оформить. Обратитесь в офис — г. Каспийск, ул. Ленина 52а, 8 800 700-54-05.
freeze-refused-open-ended-only = Здесь заморозка начинается сегодня и длится до разморозки: выберите «С сегодняшнего дня» в /freeze.
freeze-unfreeze-elsewhere = Разморозить договор { $login } самому биллинг не даёт. Позвоните в офис — 8 800 700-54-05, разморозим.
