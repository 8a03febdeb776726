## Connection request: the prospect's questions
connect-intro =
    📝 Заявка на подключение к Каспнет.
    Задам несколько вопросов — это пара минут. Потом сотрудник перезвонит, ответит на вопросы и пригласит в офис подписать договор.
    Выйти: /cancel — ответы сохранятся, продолжить можно в /connect.
connect-resumed = Продолжим заявку с того места, где вы остановились.
connect-continue = Продолжаем заявку.
connect-ask-name = Как к вам обращаться? Напишите имя, можно с фамилией.
connect-bad-name = Имя — буквами, от 2 до 80 символов, например: Руслан Магомедов.
connect-ask-phone = Телефон для связи: нажмите «📱 Отправить мой номер» внизу или напишите номер, например +7 928 123-45-67.
connect-share-phone = 📱 Отправить мой номер
connect-bad-phone = Не понял номер. Напишите российский номер, например +7 928 123-45-67 или 8 928 123-45-67, или нажмите «📱 Отправить мой номер».
connect-contact-not-own = Это контакт другого человека. Отправьте свой номер кнопкой «📱 Отправить мой номер» или напишите номер для связи.
connect-phone-noted = Телефон для связи: { $phone }.
connect-ask-address =
    Адрес подключения ({ $town }): улица, дом и квартира, если есть. Например: ул. Ленина, 52а, кв. 7.
    Другой населённый пункт — кнопка ниже.
connect-town-home = Каспийск
connect-other-town = 🏘 Другой населённый пункт
connect-default-town = ↩️ Каспийск
connect-bad-address = Напишите улицу и номер дома (и квартиру, если есть), до 200 символов. Например: ул. Ленина, 52а, кв. 7.
connect-ask-town = Напишите название населённого пункта, например: Махачкала.
connect-bad-town = Название — буквами, от 2 до 60 символов, например: Махачкала.
connect-town-noted = Мы подключаем в основном в Каспийске. Есть ли подключение в «{ $town }», сотрудник проверит и скажет, когда позвонит.
connect-ask-tariff = Какой тариф интересует? Не знаете — нажмите «Посоветуйте», сотрудник подберёт.
connect-tariff-option = { $name } · { $speed } Мбит/с · { $fee } в месяц
connect-tariff-advise = 🤔 Посоветуйте
connect-bad-tariff = Выберите тариф кнопкой под вопросом или нажмите «Посоветуйте».
connect-ask-iptv = Нужно ли цифровое телевидение IPTV?
connect-iptv-yes = 📺 Да, нужно
connect-iptv-no = Нет, только интернет
connect-bad-iptv = Ответьте кнопкой под вопросом: «Да, нужно» или «Нет, только интернет».
connect-ask-time = Когда удобно принять звонок? Выберите кнопку или напишите своё, например: в субботу после 12.
connect-time-morning = Утром, 9–12
connect-time-day = Днём, 12–17
connect-time-evening = Вечером, 17–20
connect-time-any = В любое время
connect-bad-time = Напишите, когда позвонить, — словами и цифрами, до 100 символов. Или выберите кнопку.
connect-ask-comment = Хотите что-нибудь добавить? Напишите комментарий (например, этаж или как пройти) или нажмите «Без комментария».
connect-comment-none = Без комментария
connect-bad-comment = Комментарий — текстом, до 1000 символов. Или нажмите «Без комментария».

## Connection request: the summary
connect-summary =
    Проверьте заявку:
    Имя: { $name }
    Телефон: { $phone }
    Адрес: { $town }, { $address }
    Тариф: { $tariff }
    IPTV: { $iptv }
    Когда позвонить: { $time }
    Комментарий: { $comment }
connect-yes = да
connect-no = нет
connect-advise = посоветовать
connect-no-comment = —
connect-send = ✅ Отправить
connect-edit = ✏️ Изменить
connect-drop = ✖️ Отменить заявку
connect-bad-summary = Нажмите кнопку под заявкой: «Отправить», «Изменить» или «Отменить заявку».
connect-ask-field = Что изменить?
connect-field-name = Имя
connect-field-phone = Телефон
connect-field-address = Адрес
connect-field-tariff = Тариф
connect-field-iptv = IPTV
connect-field-time = Время звонка
connect-field-comment = Комментарий
connect-field-back = ↩️ Назад к заявке
connect-bad-field = Выберите кнопкой, что изменить.
connect-dropped = Заявка отменена. Оставить новую: /connect
connect-sent = ✅ Заявка №{ $id } принята. Сотрудник позвонит вам ({ $time }), ответит на вопросы и пригласит в офис подписать договор. Статус заявки: /connect
connect-merged = С номера { $phone } уже есть заявка №{ $id } ({ $status }). Новые данные мы добавили к ней — второй заявки не нужно. Статус: /connect

## Connection request: the prospect's requests
connect-yours = Ваши заявки:
connect-your-request = №{ $id } от { $date } · { $address } — { $status }
connect-your-reason = Причина: { $reason }
connect-unfinished = Есть незаконченная заявка: отвечено на { $done } из { $total } вопросов.
connect-resume = ▶️ Продолжить заявку
connect-restart = 🆕 Начать заново
connect-new = 📝 Новая заявка
connect-status-new = принята, ждёт звонка
connect-status-in-progress = в работе
connect-status-signed = договор подписан
connect-status-rejected = отклонена
connect-now-in-progress = 🛠 Заявка №{ $id } в работе: сотрудник скоро позвонит вам ({ $time }).
connect-now-signed = 🎉 Договор по заявке №{ $id } подписан — добро пожаловать в Каспнет! Логин и пароль от личного кабинета указаны в договоре, войти: /login
connect-now-rejected = Заявка №{ $id } отклонена. Причина: { $reason }. Вопросы — 8 800 700-54-05 (бесплатно).

## Connection requests: the staff chat
connect-card =
    📝 Заявка №{ $id } · { $date }
    Имя: { $name }
    Телефон: { $phone }
    Адрес: { $town }, { $address }
    Тариф: { $tariff }
    IPTV: { $iptv }
    Когда звонить: { $time }
connect-card-other-town = ⚠️ Не Каспийск: проверить, есть ли подключение.
connect-card-comment = Комментарий: { $comment }
connect-card-status-new = Статус: 🆕 новая
connect-card-status-in-progress = Статус: 🛠 в работе — { $by }, { $at }
connect-card-status-signed = Статус: ✅ договор подписан — { $by }, { $at }
connect-card-status-rejected = Статус: ❌ отклонена — { $by }, { $at }. Причина: { $reason }
connect-card-work = 🛠 В работу
connect-card-signed = ✅ Договор подписан
connect-card-reject = ❌ Отклонить
connect-card-merged = 🔁 Повторная заявка с номера { $phone }: данные заявки №{ $id } обновлены.
connect-staff-status-new = новая
connect-staff-status-in-progress = в работе
connect-staff-status-signed = договор подписан
connect-staff-status-rejected = отклонена
connect-staff-only = Статус заявок меняют только участники чата сотрудников.
connect-staff-members-only = Заявки видят только участники чата сотрудников.
connect-staff-done = Заявка №{ $id }: { $status }.
connect-staff-already = Заявка №{ $id } уже: { $status }.
connect-staff-ask-reason = { $by }, напишите причину отклонения заявки №{ $id } ответом на это сообщение.
connect-staff-reason = Причина отклонения
connect-staff-bad-reason = Причина — текстом, от 2 до 500 символов. Ответьте на сообщение с вопросом ещё раз.
connect-staff-open-none = Открытых заявок нет.
connect-staff-open = Открытые заявки ({ $count }):
connect-staff-open-line = №{ $id } · { $date } · { $status } · { $name } · { $phone } · { $town }, { $address }
connect-staff-open-more = …и ещё { $more }.
connect-staff-find-usage = Укажите телефон: /find +7 928 123-45-67
connect-staff-find-none = Заявок с номера { $phone } нет.
connect-digest = ⏰ Заявки без движения больше суток ({ $count }):
connect-digest-line = №{ $id } · с { $date } · { $name } · { $phone }
connect-digest-more = …и ещё { $more }.
