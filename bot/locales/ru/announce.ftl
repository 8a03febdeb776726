## Announcements from the staff chat
announce-staff-only = Объявления рассылают только участники чата сотрудников.
announce-how = Напишите текст после команды: /announce Завтра с 10 до 12 — плановые работы… Или ответьте командой /announce на сообщение с текстом (до 4096 символов).
announce-preview =
    📣 Объявление №{ $id } — выше, так его увидят абоненты.
    Получат: с подпиской на новости — { $news }, все абоненты — { $all }.
announce-send-news = 📣 Подписчикам новостей ({ $count })
announce-send-all = 📣 Всем абонентам ({ $count })
announce-cancel = ✖️ Отмена
announce-cancelled = Объявление №{ $id } не отправлено.
announce-already-sent = Объявление №{ $id } с этим текстом уже разослано { $at }.
announce-audience-news = подписчикам новостей
announce-audience-all = всем абонентам
announce-sending =
    📣 Объявление №{ $id } отправляется { $audience } ({ $by }).
    Отправлено { $sent } из { $recipients }, не доставлено { $failed }, осталось { $left }.
announce-done =
    ✅ Объявление №{ $id } разослано { $audience } ({ $by }).
    Отправлено { $sent } из { $recipients }, не доставлено { $failed }{ $unconfirmed ->
        [0] {""}
       *[other] , неизвестно (сбой при отправке) { $unconfirmed }
    }.
