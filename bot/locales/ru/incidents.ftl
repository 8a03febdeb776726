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
