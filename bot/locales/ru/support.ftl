## Support: frequent questions, tickets, the relay to agents
support-intro =
    💬 Поддержка Каспнет. Частые вопросы — выберите свой.
    Не нашли ответа — напишите оператору прямо здесь.
support-faq-internet = 🚫 Нет интернета
support-faq-speed = 🐢 Медленная скорость
support-faq-pay = 💳 Как оплатить
support-faq-trust = 🤝 Доверительный платёж
support-faq-tariff = 📶 Смена тарифа
support-faq-iptv = 📺 Не работает IPTV
support-answer-internet =
    🚫 Нет интернета
    1. Проверьте баланс: /balance. При минусе доступ блокируется — пополните картой (/topup) или возьмите доверительный платёж (/trust).
    2. Выключите роутер на 30 секунд и включите снова.
    3. Проверьте, что кабель плотно вставлен в порт WAN (Internet) роутера.
    Не помогло — напишите оператору или позвоните 8 800 700-54-05 (бесплатно).
support-answer-speed =
    🐢 Медленная скорость
    1. Измерьте скорость по кабелю, а не по Wi-Fi: Wi-Fi 2,4 ГГц и стены заметно её снижают, подключитесь к сети 5 ГГц.
    2. Перезагрузите роутер и остановите загрузки на других устройствах.
    3. Скорость вашего тарифа — в /tariffs.
    Если по кабелю скорость намного ниже тарифной — напишите оператору.
support-answer-pay =
    💳 Как оплатить
    Картой — прямо в боте: /topup, деньги зачисляются сразу.
    Наличными — только в офисе: г. Каспийск, ул. Ленина 52а (Пн–Пт 9:00–18:00, Сб 10:00–15:00).
support-answer-trust =
    🤝 Доверительный платёж
    Закончились деньги, а оплатить сразу не получается — включите доверительный платёж: /trust. Сумма — месячная абонентская плата (не меньше долга), на 3 дня, не чаще раза в 30 дней.
    Через 3 дня сумма списывается: пополните баланс до этого.
support-answer-tariff =
    📶 Смена тарифа
    Откройте /tariffs и выберите новый тариф интернета: он начнёт действовать с 1-го числа следующего месяца, до этого смену можно отменить. IPTV подключается и отключается со следующего дня.
support-answer-iptv =
    📺 Не работает IPTV
    1. Проверьте, что пакет IPTV подключён (/tariffs) и баланс не в минусе (/balance).
    2. Перезагрузите приставку и роутер; приставка должна быть подключена кабелем.
    Каналы не появились — напишите оператору или позвоните 8 800 700-54-05.
support-write-agent = ✍️ Написать оператору
support-back = « Все вопросы
support-not-configured = Чат с оператором пока недоступен. Позвоните 8 800 700-54-05 (бесплатно) или приходите в офис: г. Каспийск, ул. Ленина 52а.
support-working-hours = Поддержка работает Пн–Пт 9:00–18:00, Сб 10:00–15:00.
support-off-hours-when = Сейчас нерабочее время: оператор ответит { $days ->
        [0] сегодня
        [1] завтра
       *[other] { $weekday ->
            [1] в понедельник
            [2] во вторник
            [3] в среду
            [4] в четверг
            [5] в пятницу
            [6] в субботу
           *[7] в воскресенье
        }
    } с { $time }.
support-opened =
    Обращение №{ $ticket } открыто. Напишите вопрос одним или несколькими сообщениями, можно с фото и документами — оператор ответит здесь, в этом чате.
    { support-working-hours }
support-opened-off-hours =
    Обращение №{ $ticket } открыто. Напишите вопрос одним или несколькими сообщениями, можно с фото и документами — оператор ответит здесь, в этом чате.
    { support-off-hours-when } { support-working-hours }
support-opened-follow-up =
    Прошлое обращение закрыто больше суток назад, поэтому открыто новое — №{ $ticket }. Сообщение передано оператору, он ответит здесь, в этом чате.
    { support-working-hours }
support-opened-follow-up-off-hours =
    Прошлое обращение закрыто больше суток назад, поэтому открыто новое — №{ $ticket }. Сообщение передано оператору, он ответит здесь, в этом чате.
    { support-off-hours-when } { support-working-hours }
support-existing = Ваше обращение №{ $ticket } уже открыто — просто напишите сюда, оператор ответит.
support-reopened = Обращение №{ $ticket } снова открыто — напишите, оператор ответит здесь.
support-closed =
    Обращение №{ $ticket } закрыто. Если вопрос остался — просто напишите сюда в течение суток.
    Оцените, пожалуйста, помощь оператора:
support-rated = Спасибо за оценку: { $rating } из 5!
support-reopened-by-agent = Оператор снова открыл обращение №{ $ticket } — можно продолжать переписку.
support-not-copyable = Такое сообщение не получится передать оператору. Отправьте текст, фото, документ, голосовое или геопозицию.
support-card-title = 🎫 Обращение №{ $ticket } · { $status ->
        [OPEN] открыто
       *[CLOSED] закрыто
    }
support-card-account = 📄 Договор { $login }: { $name }
support-card-status = Статус: { $status ->
        [ACTIVE] активен
        [BLOCKED] заблокирован
       *[CLOSED] расторгнут
    } · баланс { $balance }
support-card-tariffs = 📶 Тариф: { $tariffs }
support-card-no-tariff = нет
support-card-address = 🏠 Адрес: { $address }
support-card-phone = ☎️ Телефон: { $phone }
support-card-trust = 🤝 Доверительный платёж: { $amount } до { $until }
support-card-payments = 💳 Последние платежи:
support-card-payment = • { $at } — { $amount }, { $status ->
        [PAID] оплачен
        [PENDING] не оплачен
       *[EXPIRED] истёк
    }
support-card-no-payments = 💳 Платежей картой не было
support-card-unlinked = ⚠️ Не привязан к договору
support-card-telegram = Telegram: { $name } · id { $id }
support-card-request = 📝 Заявка на подключение №{ $id }: { $address } ({ $status ->
        [NEW] новая
       *[IN_PROGRESS] в работе
    })
support-card-help = Ответьте в этой теме — сообщение уйдёт абоненту. // в начале — заметка для своих. /close — закрыть, /reopen — открыть снова, /card — обновить карточку.
support-card-refresh = 🔄 Обновить карточку
support-topic-unlinked = без договора
support-agent-wrote-again = Абонент написал снова — обращение открыто заново.
support-agent-closed = ✅ Обращение закрыто ({ $agent }). Абоненту предложено оценить помощь.
support-agent-reopened = Обращение снова открыто ({ $agent }).
support-agent-already-closed = Обращение уже закрыто. /reopen — открыть снова.
support-agent-already-open = Обращение и так открыто.
support-agent-ticket-closed = Обращение закрыто — сообщение абоненту не отправлено. /reopen — открыть снова.
support-agent-not-delivered = ⚠️ Не доставлено: абонент заблокировал бота.
support-agent-failed = ⚠️ Не доставлено: Telegram не принял сообщение.
support-agent-only = Действовать в обращениях могут только участники группы поддержки.
support-agent-check-failed = Не удалось проверить, что вы участник группы поддержки: Telegram не ответил. Попробуйте ещё раз.
support-agent-check-failed-not-sent = ⚠️ Не отправлено абоненту: не удалось проверить, что вы участник группы поддержки. Отправьте сообщение ещё раз.
support-card-updated = Карточка обновлена
support-correction = ✏️ Исправление:
support-stats =
    📊 Поддержка
    Сегодня: { $today }
    С понедельника: { $week }
    Открыто сейчас: { $open }
support-stats-period = открыто { $opened }, закрыто { $closed }, первый ответ (медиана) { $response }, решение (медиана) { $resolution }, оценка { $rating }
support-stats-none = —
support-stats-minutes = { $minutes } мин
support-stats-hours = { $hours } ч { $minutes } мин
support-stats-days = { $days } д { $hours } ч
support-stats-rating = { $average } из 5 ({ $count })
support-alert = ⏰ Ждут ответа оператора больше 15 минут:
support-alert-line = • №{ $ticket }, пишет с { $since } { $link }
support-idle-closed =
    Обращение №{ $ticket } закрыто: двое суток не было новых сообщений. Если вопрос остался — напишите сюда.
    Оцените, пожалуйста, помощь оператора:
support-agent-idle-closed = Обращение закрыто автоматически: 48 часов без сообщений.
support-card-grant-trust = 🤝 Доверительный платёж
support-trust-granted = { $agent } оформил(а) доверительный платёж { $amount } до { $until }.
support-trust-granted-subscriber = По обращению №{ $ticket } оператор оформил вам доверительный платёж. Баланс и срок: /balance
support-trust-refused-closed = Договор расторгнут: доверительный платёж недоступен.
support-trust-refused-active = Доверительный платёж уже действует.
support-trust-refused-balance-fine = Баланса хватает на следующее списание: доверительный платёж не нужен.
support-trust-refused-too-soon = Лимит доверительных платежей за период исчерпан.
support-trust-refused-disabled = Биллинг сейчас не выдаёт доверительные платежи.
support-trust-refused-wrong-day = Сегодня доверительный платёж не выдаётся: только в определённые дни месяца.
support-trust-refused-frozen = Договор заморожен или отключён: доверительного платежа нет.
support-trust-refused-debt-too-deep = Долг больше суммы доверительного платежа.
support-trust-refused-tariff-not-allowed = На тарифе абонента доверительный платёж недоступен.
support-trust-refused-used-this-month = Доверительный платёж в этом месяце уже брали.
support-trust-refused-previous-not-paid = После прошлого доверительного платежа не было оплаты.
support-trust-refused-changed = Сумма изменилась, нажмите ещё раз.
support-card-invoice = 💳 Отправить счёт на оплату
support-invoice-sent = { $agent } отправил(а) абоненту счёт на { $amount }.
support-invoice-closed = Договор расторгнут: счёт не отправлен.
support-invoice-out-of-range = Сумма вне допустимых пределов: счёт не отправлен.
support-card-billing-unavailable = 💰 Баланс и тариф: биллинг сейчас не отвечает — обновите карточку позже
