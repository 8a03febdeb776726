## Commands (the menu Telegram shows next to the input field)
command-start = Начать и открыть главное меню
command-menu = Главное меню
command-balance = Баланс, тариф и до какого числа хватит
command-topup = Пополнить счёт картой
command-trust = Доверительный платёж
command-freeze = Заморозить договор на время отъезда
command-tariffs = Тарифы интернета и IPTV
command-connect = Заявка на подключение
command-login = Войти по логину и паролю договора
command-logout = Выйти из личного кабинета
command-profile = Профиль и уведомления
command-support = Поддержка
command-contacts = Телефон и адрес офиса
command-help = Что умеет бот
command-cancel = Прервать текущее действие

## Группа агентов поддержки
command-close = Закрыть обращение этой темы
command-reopen = Открыть обращение этой темы снова
command-card = Обновить карточку абонента
command-stats = Статистика поддержки

## Чат сотрудников
command-requests = Открытые заявки на подключение
command-find = Найти заявку по телефону
command-incident = Открыть аварию (оповестить абонентов)
command-incidents = Открытые аварии: срок, закрыть
command-announce = Объявление абонентам
