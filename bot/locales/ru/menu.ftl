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
menu-freeze = ❄️ Заморозка
menu-tariffs = 📶 Тарифы
menu-profile = 👤 Профиль
menu-support = 💬 Поддержка
menu-contacts = 📍 Контакты и офис
menu-help = ❓ Помощь
menu-switch = 🔁 Сменить договор ({ $count })
switch-choose = Выберите договор:
switch-done = Договор { $login }
