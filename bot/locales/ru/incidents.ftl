# Mass outages: what subscribers are told, and the staff's /incident.
incident-notice-opened =
    ⚠️ Авария на линии: { $text }
    Не работает с { $since }. Восстановим ориентировочно к { $eta }.
    Писать в поддержку не нужно: мы уже работаем и сообщим, когда всё заработает.
incident-notice-eta =
    ⏱ Авария: { $text }
    Новый срок восстановления — { $eta }.
incident-notice-restored =
    ✅ Связь восстановлена: { $text }
    Если интернет всё ещё не работает, выключите роутер на 30 секунд и включите снова. Не помогло — напишите оператору: /support.

## The staff chat's /incident and /incidents
incident-staff-only = Аварии открывают и закрывают только участники чата сотрудников.
incident-how =
    Авария: напишите одним сообщением
    /incident
    Улица: Ленина   (или «Где: весь город»; несколько улиц через «;»)
    Дома: 52а, 54   (если не вся улица)
    Услуги: интернет, ТВ   (по умолчанию интернет)
    Срок: 18:30   (или 04.12 10:00)
    Текст: Повреждён кабель, бригада на месте.
    Бот покажет, кого это затронет, и спросит подтверждение.
incident-bad-line = Не понял строку: «{ $line }».
incident-scope-none = Укажите, где авария: «Улица: …» (и «Дома: …», если не вся улица) или «Где: весь город».
incident-scope-city-and-streets = Либо весь город, либо улицы — не то и другое сразу.
incident-scope-houses-one-street = Дома указываются для одной улицы.
incident-scope-unreadable-street = «{ $text }» не похоже на название улицы.
incident-scope-unreadable-house = «{ $text }» не похоже на номер дома.
incident-unknown-street = Ни один договор не на улице «{ $street }». Проверьте написание.
incident-unknown-houses = На улице { $street } нет договоров в домах: { $houses }.
incident-eta-missing = Укажите срок восстановления: «Срок: 18:30» или «Срок: 04.12 10:00».
incident-eta-unreadable = Срок «{ $eta }» не понял: напишите 18:30 или 04.12 10:00.
incident-eta-past = Срок «{ $eta }» уже прошёл.
incident-eta-too-far = Срок «{ $eta }» больше чем через месяц — проверьте дату.
incident-text-missing = Добавьте текст для абонентов: «Текст: …» (до 1000 символов).
incident-where-city = весь город
incident-where-street = ул. { $street }
incident-where-houses = ул. { $street }, д. { $houses }
incident-service-internet = интернет
incident-service-iptv = ТВ
incident-preview =
    🚧 Авария №{ $id } — черновик
    Где: { $where }
    Услуги: { $services }
    Срок: { $eta }
    Затронет договоров: { $contracts }, абонентов в Telegram: { $subscribers }.

    Абоненты получат:
    { $notice }
incident-open = ✅ Открыть и оповестить ({ $count })
incident-drop = ✖️ Отмена
incident-dropped = Авария №{ $id } не открыта.
incident-opened =
    🚧 Авария №{ $id } открыта ({ $by }).
    Где: { $where }. Срок: { $eta }.
    Оповещаем абонентов: { $notices }. Список открытых — /incidents.
incident-step-taken = Авария №{ $id } уже в этом состоянии: кто-то нажал раньше.
incident-none-open = Открытых аварий нет.
incident-entry =
    🚧 Авария №{ $id }: { $where } ({ $services })
    С { $since }, срок { $eta }
    Оповещено: { $told }, написали: { $wrote }
    «{ $text }»
incident-eta-plus = +{ $minutes } мин
incident-eta-changed = Новый срок { $eta }; уведомлений: { $notices }.
incident-resolve = ✅ Восстановлено
incident-resolve-confirm =
    Закрыть аварию №{ $id }?
    Сообщение «связь восстановлена» получат оповещённые ({ $told }) и написавшие ({ $wrote }).
incident-resolve-yes = ✅ Да, восстановлено
incident-resolve-no = ↩️ Нет
incident-resolved = ✅ Авария №{ $id } закрыта ({ $by }). Сообщений «восстановлено»: { $notices }.

## What an affected subscriber sees first
incident-banner =
    🚧 Авария на линии: { $text }
    Не работает с { $since }, восстановим ориентировочно к { $eta }. Мы уже работаем — сообщим, когда заработает.

## The incident's topic in the agents' group, and the attached subscriber
incident-topic-name = 🚧 Авария №{ $id }: { $where }
incident-digest = 📨 Написали абоненты:
incident-digest-line = • { $at } { $name } ({ $login }): { $text }
support-incident-attached =
    Ваше обращение добавлено к аварии №{ $id }: операторы видят его и ответят всем затронутым сразу.
    Когда связь восстановится, мы напишем. Если хотите что-то добавить — просто напишите сюда.
support-incident-noted = Передали операторам вместе с обращениями по аварии. Ответим, как только будут новости.

## An agent's answer to everyone attached
incident-notice-reply =
    💬 Оператор по аварии: { $text }
incident-reply-confirm = Отправить это сообщение всем абонентам аварии №{ $id }, кто обратился ({ $count })?
incident-reply-send = 📣 Отправить ({ $count })
incident-reply-drop = ✖️ Не отправлять
incident-reply-dropped = Не отправлено.
incident-reply-sent = 📣 Отправлено абонентам аварии: { $count } ({ $by }).
incident-reply-already = Уже отправлено ({ $count }).
incident-reply-text-only = Всем абонентам аварии уходит только текст: напишите его сообщением.
incident-reply-closed = Авария №{ $id } уже закрыта: абонентам ничего не отправлено.

## A cluster of "no internet" no incident covers
incident-suggestion = 🔎 Похоже на аварию: { $count } абонентов ({ $where }) за { $minutes } мин сообщили, что нет интернета. Открытой аварии там нет.
incident-suggestion-open = 🚧 Открыть аварию
incident-suggested-text = Неполадки на линии, бригада выясняет причину.

## An attached subscriber's question that is not about the outage, moved to a ticket of its own
incident-move-button = ↗ { $who }
incident-move-moved = Перенесено в обращение №{ $ticket }: отдельная тема открыта.
incident-move-already = Уже перенесено в обращение №{ $ticket }.
incident-move-resolved = Авария уже закрыта, обращения по ней закрыты. Если абонент напишет снова, это будет обычное обращение.
incident-move-closed = Это обращение уже закрыто.
incident-move-summary = ↗ Перенесено из аварии №{ $id } ({ $by }). Абонент писал:
incident-move-summary-line = • { $at } { $text }
support-incident-moved =
    Ваш вопрос не связан с аварией, поэтому мы вынесли его в отдельное обращение №{ $ticket }. Оператор ответит на него отдельно, здесь же.

## The incident's topic after the resolve
incident-card-resolved = ✅ Восстановлено { $at } ({ $by })
incident-topic-closing =
    ✅ Авария №{ $id } закрыта ({ $by }, { $at }), тема закрыта.
    Абонентам отправлено:
    { $notice }
