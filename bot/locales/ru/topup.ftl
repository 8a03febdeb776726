## Card top-up
topup-not-configured = Оплата картой в боте пока не подключена. Пополнить баланс можно наличными в офисе: г. Каспийск, ул. Ленина 52а, или по телефону 8 800 700-54-05 узнать другие способы.
topup-choose = Пополнение договора { $login } банковской картой. Баланс: { $balance }. Выберите сумму:
topup-month = Абонентская плата за месяц: { $amount }
topup-debt = Погасить долг: { $amount }
topup-amount = { $amount }
topup-other = Другая сумма
topup-ask-amount = Введите сумму в рублях, от { $min } до { $max }: например, 750 или 750,50. Выйти: /cancel
topup-bad-amount = Не понял сумму. Напишите число рублей, например 750 или 750,50 (от { $min } до { $max }).
topup-out-of-range = Сумма пополнения — от { $min } до { $max }. Введите другую.
topup-closed = Договор расторгнут: пополнение недоступно. Вопросы — по телефону 8 800 700-54-05.
topup-invoice-title = Пополнение баланса
topup-invoice-description = Договор { $login }, { $accountName }. Зачисление на баланс Каспнет.
topup-invoice-label = Договор { $login }
topup-refused-unknown = Счёт не найден. Запросите новый: /topup
topup-refused-not-pending = Этот счёт уже оплачен или закрыт. Для нового пополнения: /topup
topup-refused-expired = Счёт устарел. Запросите новый: /topup
topup-refused-amount-mismatch = Сумма не совпадает со счётом. Запросите новый: /topup
topup-refused-currency = Оплата принимается только в рублях.
topup-refused-closed = Договор расторгнут: пополнение недоступно.
topup-receipt = ✅ Оплата получена: { $amount } зачислено на договор { $login }.
topup-unblocked = Доступ в интернет восстановлен.
topup-unknown-invoice = Оплата получена, но счёт не найден. Мы уже разбираемся; если баланс не изменится в течение часа, позвоните 8 800 700-54-05.
topup-missing = Я оплатил, а баланс не изменился
topup-missing-none = По договору ещё не выставлялось счетов в боте. Если вы платили другим способом, позвоните 8 800 700-54-05: найдём платёж.
topup-missing-choose = Договор { $login }: выберите счёт, по которому вы платили.
topup-missing-line = { $at } · { $amount }
topup-missing-paid = Платёж { $amount } по счёту от { $at } зачислен { $paidAt }. Номер платежа в Telegram: { $chargeId }. Он учтён в балансе: /balance
topup-missing-pending = Оплата по счёту от { $at } на { $amount } к нам не поступала: Telegram не сообщал о списании. Если деньги списаны с карты, сохраните чек и позвоните 8 800 700-54-05 — проверим по номеру операции.
topup-missing-mismatch = По счёту от { $at } на { $amount } Telegram сообщил { $paidAt } о платеже, сумма или валюта которого не совпала со счётом, поэтому он не зачислен. Операторы уже знают; напишите в поддержку или позвоните 8 800 700-54-05 — разберёмся и вернём деньги или зачислим их.
topup-missing-expired = Счёт от { $at } на { $amount } устарел и не был оплачен. Если деньги списаны с карты, позвоните 8 800 700-54-05 с чеком — проверим.
topup-missing-other = Другой платёж — ввести сумму
topup-missing-ask = Напишите сумму платежа и, если помните, дату и время: например, «500», «500 12.03» или «500 12.03 14:30». Выйти: /cancel
topup-missing-bad-format = Не понял. Напишите сумму платежа, а за ней, если помните, дату и время: например, 500 или 500 12.03 14:30. Выйти: /cancel
topup-missing-bad-amount = Платежи картой в боте — от { $min } до { $max }. Напишите сумму, которую вы платили, например 500. Выйти: /cancel
topup-missing-bad-date = Такой даты или времени не бывает. Дату напишите как 12.03 или 12.03.2026, время — как 14:30. Выйти: /cancel
topup-missing-bad-future = Эта дата ещё не наступила. Напишите дату платежа, например 12.03. Выйти: /cancel
topup-missing-when-recent = за последние { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
topup-missing-when-day = за { $day }
topup-missing-when-time = { $day } около { $time }
topup-missing-not-found = Платежа на { $amount } { $when } по договору { $login } мы не нашли: Telegram не сообщал нам о такой оплате. Если деньги списаны с карты, сохраните чек — проверим по номеру операции.
topup-missing-paid-entry = В истории баланса: { $at } · +{ $amount }, баланс после зачисления { $balanceAfter }.
topup-missing-still-wrong = Деньги всё равно не видны? Напишите в поддержку — оператор получит все данные платежа.
topup-missing-write-support = Деньги списаны с карты? Напишите в поддержку — оператор получит все данные платежа.
topup-missing-call = Позвоните 8 800 700-54-05 (бесплатно) — найдём платёж.
topup-missing-support = ✍️ Написать в поддержку
topup-ticket-sent = Оператор уже видит данные о платеже по договору { $login }. Если хотите, допишите, как и когда вы платили, или пришлите фото чека — прямо сюда.
topup-ticket-title = 💳 Абонент оплатил, а баланс не изменился (из /topup). Договор { $login }.
topup-ticket-recollection = Абонент указал: { $amount }, { $when }.
topup-ticket-payment = Счёт №{ $id } от { $at } на { $amount }: { $status ->
        [paid] оплачен { $paidAt }
        [pending] не оплачен, Telegram о списании не сообщал
        [mismatch] Telegram сообщил об оплате не той суммы или валюты, ничего не зачислено
       *[expired] устарел неоплаченным
    }.
topup-ticket-charge = Номер платежа в Telegram: { $telegram }; у платёжного провайдера: { $provider }.
topup-ticket-entry = Зачислен записью журнала №{ $entry } от { $at }: +{ $amount }, баланс после — { $balanceAfter }.
topup-ticket-entry-missing = ⚠️ Записи о зачислении этого платежа в журнале нет.
topup-ticket-not-found = Счёта на эту сумму за это время в боте не нашлось.
topup-ticket-no-invoices = Счетов в боте по договору не выставлялось.
topup-ticket-balance = Баланс сейчас: { $balance }.
topup-receipt-payer = ✅ Оплата { $amount } получена, спасибо!
topup-mismatch = Оплата получена, но её сумма или валюта не совпала со счётом, поэтому мы ничего не зачислили. Операторы уже разбираются; если деньги списаны с карты, позвоните 8 800 700-54-05.
# To the agents' chat: a card payment reported but not credited.
payment-alert-mismatch = ⚠️ Оплата картой не совпала со счётом — ничего не зачислено. Договор { $login }, запись №{ $id }: счёт на { $expected }, Telegram сообщил об оплате { $reported }.
payment-alert-unknown = ⚠️ Оплата картой по неизвестному счёту — ничего не зачислено. Telegram сообщил об оплате { $reported }.
payment-alert-payer = Плательщик: пользователь Telegram { $payer }.
payment-alert-charge = Номер платежа в Telegram: { $telegram }; у платёжного провайдера: { $provider }.
payment-alert-unposted = ⚠️ Оплата картой не проведена в биллинг — деньги с карты списаны, на баланс не зачислены. Договор { $login }, запись №{ $id }, { $amount }: { $why } ({ $detail }). Проверьте платёж в биллинге и проведите вручную; бот больше не будет пытаться.
payment-alert-unposted-conflict = биллинг ответил не этим платежом
payment-alert-unposted-refused = биллинг не принял платёж
topup-received-posting = ✅ Оплата { $amount } получена, зачисляем на договор { $login }. Когда биллинг подтвердит, пришлём новый баланс.
# The fiscal receipt's item (54-ФЗ): in Russian whatever the subscriber's language.
topup-receipt-item = Пополнение лицевого счёта, договор { $login }: аванс за услуги связи
topup-receipt-fiscal = 🧾 Чек придёт на { $contact }.
topup-fresh-invoice = Тот счёт устарел: счёт действует { $hours ->
        [24] сутки
       *[other] { $hours } ч
    }. Вот новый на ту же сумму — оплатить можно сейчас.
payment-alert-closed = ⚠️ Оплата картой { $amount } пришла на договор { $login }, расторгнутый после выставления счёта: деньги зачислены на его баланс. Свяжитесь с абонентом — вернуть деньги или перенести на другой договор.
