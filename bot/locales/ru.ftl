# Russian, the default locale. Keep en.ftl in step: test/unit/locales.test.ts compares the keys.

## Main menu
welcome =
    Здравствуйте, { $name }! Я бот Каспнет — личный кабинет абонента в Telegram.
    Здесь можно узнать баланс, пополнить счёт картой, взять доверительный платёж, сменить тариф и написать в поддержку — без визита в офис.
menu-unlinked =
    Главное меню.
    Чтобы видеть баланс и платежи, войдите по логину и паролю из договора.
menu-linked =
    Главное меню.
    Договор { $login }: { $accountName }.
menu-login = 🔑 Войти в личный кабинет
menu-connect = 📝 Заявка на подключение
menu-balance = 💰 Баланс
menu-topup = 💳 Пополнить картой
menu-trust = 🤝 Доверительный платёж
menu-tariffs = 📶 Тарифы
menu-profile = 👤 Профиль
menu-support = 💬 Поддержка
menu-contacts = 📍 Контакты и офис
menu-help = ❓ Помощь
menu-switch = 🔁 Сменить договор ({ $count })
switch-choose = Выберите договор:
switch-done = Договор { $login }

## Commands (the menu Telegram shows next to the input field)
command-start = Начать и открыть главное меню
command-menu = Главное меню
command-balance = Баланс, тариф и до какого числа хватит
command-topup = Пополнить счёт картой
command-trust = Доверительный платёж
command-tariffs = Тарифы интернета и IPTV
command-connect = Заявка на подключение
command-login = Войти по логину и паролю договора
command-logout = Выйти из личного кабинета
command-profile = Профиль и уведомления
command-support = Поддержка
command-contacts = Телефон и адрес офиса
command-help = Что умеет бот
command-cancel = Прервать текущее действие

## Help
help =
    Я бот Каспнет — личный кабинет абонента в Telegram. Что я умею:

    /balance — баланс, тариф и до какого числа хватит денег
    /topup — пополнить счёт банковской картой
    /trust — доверительный платёж, если деньги закончились
    /tariffs — тарифы интернета и IPTV, смена тарифа
    /profile — данные договора, почта, телефон, пароль, уведомления
    /login — войти по логину и паролю из договора
    /logout — выйти из личного кабинета
    /connect — заявка на подключение нового адреса
    /support — частые вопросы и чат с оператором
    /contacts — телефон, адрес и часы работы офиса
    /menu — главное меню
    /help — эта справка и выбор языка
    /cancel — прервать текущее действие
help-language = 🌐 English
language-changed = Язык бота: русский.

## Contacts
contacts =
    <b>Каспнет — домашний интернет и IPTV в Каспийске</b>

    ☎️ 8 800 700-54-05 — звонок бесплатный
    📍 Офис: г. Каспийск, ул. Ленина 52а
    🕘 Пн–Пт 9:00–18:00, Сб 10:00–15:00, Вс — выходной

    Наличными можно оплатить только в офисе. Картой — прямо здесь, в боте: /topup
contacts-venue-title = Каспнет, офис
contacts-venue-address = г. Каспийск, ул. Ленина 52а

## Sign-in
login-ask-login =
    Введите логин из договора — обычно это номер договора, например 10001.
    Или войдите по номеру телефона: кнопка «📱 Отправить мой номер» внизу. Выйти: /cancel
login-share-phone = 📱 Отправить мой номер
login-bad-login = Логин — это номер договора: цифры и латинские буквы, до 32 символов. Введите логин или /cancel, чтобы выйти.
login-ask-password = Теперь введите пароль. Сообщение с паролем я сразу удалю из чата.
login-bad-password = Пришлите пароль текстом или /cancel, чтобы выйти.
login-success = Вы вошли в личный кабинет: договор { $login }, { $accountName }.
login-invalid = Неверный логин или пароль. Проверьте раскладку клавиатуры и попробуйте ещё раз.
login-locked = Вход по этому договору временно заблокирован после нескольких неверных паролей. Попробуйте снова после { $time }.
login-too-many = Слишком много попыток входа. Попробуйте снова после { $time }.
login-retry = 🔁 Попробовать снова
login-contact-not-own = Это контакт другого человека. Отправьте свой номер кнопкой «📱 Отправить мой номер» или войдите по логину и паролю.
login-contact-no-match = Этот номер не указан ни в одном договоре. Войдите по логину и паролю из договора или позвоните нам: 8 800 700-54-05.
login-contact-several = Этот номер указан в нескольких договорах. Войдите по логину и паролю нужного договора.

## Sign-out
logout-not-signed-in = Вы не вошли ни в один договор. Войти: /login
logout-choose = Выход из личного кабинета. Сейчас открыт договор { $login }, { $accountName }.
logout-one = 🚪 Выйти из договора { $login }
logout-all = 🚪 Выйти из всех договоров ({ $count })
logout-everywhere = 🔒 Выйти на всех устройствах ({ $login })
logout-stay = Остаться
logout-stayed = Вы остались в личном кабинете.
logout-done = Вы вышли из договора { $login }.
logout-all-done = Вы вышли из всех договоров.
logout-everywhere-ask-password = Чтобы выйти из договора на всех устройствах и во всех Telegram-аккаунтах, введите пароль договора. Сообщение с паролем я сразу удалю.
logout-everywhere-done = Готово: договор { $login } отвязан от всех Telegram-аккаунтов, включая этот.
logout-everywhere-notice = Выполнен выход из договора { $login } на всех устройствах по запросу владельца. Чтобы войти снова: /login

## Features that are not here yet
coming-soon =
    Раздел «{ $feature }» скоро появится в боте.
    А пока: 8 800 700-54-05 (бесплатно) или офис на ул. Ленина 52а.
feature-balance = Баланс
feature-topup = Пополнение картой
feature-trust = Доверительный платёж
feature-tariffs = Тарифы
feature-connect = Заявка на подключение
feature-profile = Профиль
feature-support = Поддержка

## Conversations and errors
cancel-done = Действие прервано. Главное меню: /menu
cancel-nothing = Сейчас нечего прерывать. Главное меню: /menu
not-understood = Не понял сообщение. Выберите действие в меню: /menu
button-outdated = Эта кнопка устарела. Откройте меню заново: /menu
error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже или позвоните 8 800 700-54-05.
