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

## Features that are not here yet
coming-soon =
    Раздел «{ $feature }» скоро появится в боте.
    А пока: 8 800 700-54-05 (бесплатно) или офис на ул. Ленина 52а.
feature-balance = Баланс
feature-topup = Пополнение картой
feature-trust = Доверительный платёж
feature-tariffs = Тарифы
feature-connect = Заявка на подключение
feature-login = Вход в личный кабинет
feature-logout = Выход из личного кабинета
feature-profile = Профиль
feature-support = Поддержка

## Conversations and errors
cancel-done = Действие прервано. Главное меню: /menu
cancel-nothing = Сейчас нечего прерывать. Главное меню: /menu
not-understood = Не понял сообщение. Выберите действие в меню: /menu
button-outdated = Эта кнопка устарела. Откройте меню заново: /menu
error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже или позвоните 8 800 700-54-05.
