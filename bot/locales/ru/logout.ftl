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
