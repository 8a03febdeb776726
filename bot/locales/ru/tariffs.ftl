## Tariffs
tariffs-title = 📶 Тарифы Каспнет
tariffs-title-linked = 📶 Тарифы · договор { $login }
tariffs-internet = Интернет:
tariffs-iptv = Цифровое телевидение IPTV:
tariffs-internet-line = { $mark } { $name } — { $speed } Мбит/с — { $fee } в месяц
tariffs-iptv-line = { $mark } { $name } — { $channels } каналов — { $fee } в месяц
tariffs-unlinked-hint = Чтобы подключиться, оставьте заявку. Уже абонент? Войдите, чтобы сменить тариф.
tariffs-pending = Смена тарифа: с { $date } — «{ $name }».
tariffs-cancel-pending = ✖️ Отменить смену тарифа
tariffs-switch-to = Перейти на «{ $name }»
tariffs-iptv-add = Подключить «{ $name }»
tariffs-iptv-remove = Отключить IPTV
tariffs-already = Этот тариф уже подключён.
tariffs-confirm-internet =
    Договор { $login }: переход с «{ $from }» на «{ $to }».
    Разница в абонентской плате: { $difference } в месяц.
    Новый тариф начнёт действовать с { $date }; до этого дня можно отменить смену.
tariffs-confirm = ✅ Подтвердить
tariffs-keep = Оставить текущий
tariffs-kept = Тариф остаётся прежним.
tariffs-scheduled = Готово: с { $date } ваш тариф — «{ $name }». Отменить смену можно в /tariffs.
tariffs-cancelled = Смена тарифа отменена, тариф остаётся прежним.
tariffs-iptv-pending = Смена IPTV: с { $date } — «{ $name }».
tariffs-iptv-pending-removal = Смена IPTV: с { $date } — отключение.
tariffs-iptv-cancel-pending = ✖️ Отменить смену IPTV
tariffs-iptv-scheduled = Готово: с { $date } на договоре { $login } — пакет «{ $name }». До этого дня IPTV остаётся как сейчас; отменить смену можно в /tariffs.
tariffs-iptv-removal-scheduled = Готово: с { $date } IPTV на договоре { $login } отключается. До этого дня IPTV остаётся как сейчас; отменить смену можно в /tariffs.
tariffs-iptv-cancelled = Смена IPTV отменена, всё остаётся как было.
tariffs-iptv-already-scheduled = Эта смена IPTV уже запланирована.
tariffs-iptv-already-off = IPTV и так не подключено.
tariffs-internet-line-plain = { $mark } { $name } — { $fee } в месяц
tariffs-change-elsewhere =
    ▫️ — тарифы, на которые можно перейти. Сменить тариф через бота на этом договоре нельзя: это делается в личном кабинете Каспнет на сайте или в офисе — г. Каспийск, ул. Ленина 52а, 8 800 700-54-05.
