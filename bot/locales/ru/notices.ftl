## The provider's own messages: low balance, service blocked, reminders
notice-low-balance =
    ⚠️ Договор { $login }: на балансе { $balance }, списание в день — { $charge }.
    { $days ->
        [0] Денег не хватает уже на сегодня:
        [one] Денег хватит на { $days } день:
        [few] Денег хватит на { $days } дня:
       *[other] Денег хватит на { $days } дней:
    } { $stopsOn } интернет отключится, если не пополнить баланс.
    Пополнить можно картой здесь или наличными в офисе (г. Каспийск, ул. Ленина 52а).
notice-service-blocked =
    ⛔ Договор { $login }: услуги приостановлены — на балансе { $balance }.
    Пополните баланс хотя бы на { $debt }, и интернет включится сам. Если деньги придут позже, возьмите доверительный платёж.
notice-reminders-off = 🔕 Не напоминать
notice-reminders-turned-off = Напоминания о балансе по договору { $login } выключены. Включить их снова можно в /profile.
notice-card-payment = ✅ На договор { $login } поступила оплата картой: { $amount }. Баланс: { $balance }.
notice-card-refund = ↩️ По договору { $login } оформлен возврат оплаты картой: { $amount }. Деньги вернутся на карту, с которой платили; когда они придут, зависит от банка.
notice-card-refund-balance = Баланс после возврата: { $balance }.
