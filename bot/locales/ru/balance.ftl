## Balance and history
balance-sign-in-first = Баланс виден после входа в личный кабинет по логину и паролю из договора.
balance-title = 💰 Баланс · договор { $login }
    { $accountName }
balance-amount = Баланс: { $amount }
balance-status-active = Статус: активен ✅
balance-status-blocked = Статус: заблокирован ⛔ — недостаточно средств. Пополните баланс или возьмите доверительный платёж.
balance-status-closed = Статус: договор расторгнут
balance-tariff-internet = Интернет: { $name }, { $speed } Мбит/с — { $fee } в месяц
balance-tariff-iptv = IPTV: { $name }, { $channels } каналов — { $fee } в месяц
balance-daily-charge = Списание в день: { $amount }
balance-enough-until = Хватит до { $date } включительно ({ $days ->
        [one] ещё { $days } день
        [few] ещё { $days } дня
       *[other] ещё { $days } дней
    })
balance-not-enough = Денег не хватит на следующее списание — пополните баланс.
balance-trust = Доверительный платёж: { $amount } до { $until }
balance-history = 📜 История платежей
history-title = 📜 История · договор { $login }
history-period = Период: { $from } — { $to }
history-empty = За этот период операций нет.
history-entry = { $at } · { $what } · { $amount }
history-charges = { $month } · абонентская плата, { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } · { $amount }
history-kind-card-topup = пополнение картой
history-kind-card-refund = возврат оплаты картой
history-kind-cash-topup = оплата наличными в офисе
history-kind-trust-credit = доверительный платёж
history-kind-trust-repay = возврат доверительного платежа
history-kind-adjustment = корректировка баланса
history-kind-daily-charge = абонентская плата
history-kind-topup = пополнение баланса
history-kind-charge = списание
history-totals = Поступило: { $credited } · Списано: { $charged }
history-page = Страница { $page } из { $pages }
history-period-this-month = Этот месяц
history-period-last-month = Прошлый месяц
history-period-3-months = 3 месяца
history-newer = ◀️ Новее
history-older = Старше ▶️
history-back = ⬅️ К балансу
