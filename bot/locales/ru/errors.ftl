## Conversations and errors
cancel-done = Действие прервано. Главное меню: /menu
cancel-nothing = Сейчас нечего прерывать. Главное меню: /menu
not-understood = Не понял сообщение. Выберите действие в меню: /menu
button-outdated = Эта кнопка устарела. Откройте меню заново: /menu
error-generic = Извините, что-то пошло не так. Попробуйте ещё раз чуть позже или позвоните 8 800 700-54-05.
error-billing-unavailable = Биллинг сейчас не отвечает. Попробуйте ещё раз через несколько минут.
error-billing-credential-rejected = Пароль от личного кабинета изменился в биллинге. Войдите заново: /login
