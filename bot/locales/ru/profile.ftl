## Profile
profile-not-signed-in = Профиль доступен после входа в личный кабинет: войдите по логину и паролю из договора — /login
profile-card =
    👤 Профиль — договор { $login }
    { $accountName }
    Логин: { $login }
    Адрес: { $address }
    Телефон: { $phone }
    Эл. почта: { $email }
    Тариф: { $tariff }

    🔔 Напоминания о балансе: { $reminders ->
        [on] включены, за { $days } { $days ->
            [one] день
            [few] дня
           *[many] дней
        } до того, как закончатся деньги
       *[off] выключены
    }
    📰 Новости Каспнет: { $news ->
        [on] присылать
       *[off] не присылать
    }
profile-phone-none = не указан
profile-email-none = не указана
profile-tariff-internet = { $name }, { $speed } Мбит/с
profile-tariff-iptv = { $name } ({ $channels } { $channels ->
        [one] канал
        [few] канала
       *[many] каналов
    })
profile-tariff-none = не подключён
profile-change-email = ✉️ Сменить почту
profile-change-phone = 📱 Сменить телефон
profile-change-password = 🔑 Сменить пароль
profile-reminders-on = 🔔 Включить напоминания
profile-reminders-off = 🔕 Выключить напоминания
profile-days-less = ➖
profile-days = За { $days } дн.
profile-days-more = ➕
profile-days-info = За сколько дней до того, как закончатся деньги, напомнить о балансе: от 1 до 7. Меняйте кнопками ➖ и ➕.
profile-days-range = Напомнить можно за 1–7 дней, не раньше и не позже.
profile-news-on = 📰 Присылать новости
profile-news-off = 📰 Не присылать новости
profile-saved = Сохранено
profile-menu = ⬅️ Главное меню
profile-email-ask = Введите новый адрес электронной почты: я пришлю на него код подтверждения. Выйти: /cancel
profile-email-bad = Это не похоже на адрес почты. Пришлите адрес вида name@example.ru или /cancel, чтобы выйти.
profile-email-same = Этот адрес уже указан в договоре. Введите другой или /cancel, чтобы выйти.
profile-email-too-many = Коды подтверждения уже отправлялись несколько раз. Новый можно запросить после { $time }.
profile-email-not-sent = Не удалось отправить письмо. Попробуйте позже или позвоните 8 800 700-54-05.
profile-email-code-sent = Код отправлен на { $email }. Введите 6 цифр из письма. Код действует { $minutes } минут. Выйти: /cancel
profile-email-bad-code = Код — это 6 цифр из письма. Введите его или /cancel, чтобы выйти.
profile-email-wrong-code = Неверный код. Осталось попыток: { $left }.
profile-email-code-dead = Этот код больше не действует. Чтобы запросить новый, откройте профиль: /profile
profile-email-changed = Готово: почта договора { $login } изменена.
profile-email-mail-subject = Каспнет: подтверждение адреса почты
profile-email-mail-text =
    Здравствуйте!

    Этот адрес указали для договора { $login } с Каспнет. Код подтверждения: { $code }
    Введите его в боте Каспнет в Telegram. Код действует { $minutes } минут. Никому его не сообщайте.

    Если вы не меняли адрес, просто не отвечайте на это письмо: почта в договоре останется прежней.
profile-phone-ask = Чтобы сменить телефон в договоре, нажмите кнопку «📱 Отправить мой номер» внизу. Выйти: /cancel
profile-phone-bad = Нажмите кнопку «📱 Отправить мой номер» внизу или /cancel, чтобы выйти.
profile-phone-not-own = Это контакт другого человека. В договор можно записать только свой номер: нажмите «📱 Отправить мой номер».
profile-phone-invalid = Этот номер не похож на российский. Отправьте другой или /cancel, чтобы выйти. Записать иностранный номер можно по телефону 8 800 700-54-05.
profile-phone-changed = Готово: телефон договора { $login } изменён на { $phone }.
profile-change-elsewhere = Телефон, почту и пароль договора хранит биллинг Каспнет: сменить их можно в личном кабинете Каспнет на сайте или в офисе — г. Каспийск, ул. Ленина 52а, 8 800 700-54-05.
