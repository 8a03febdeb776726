## Features that are not here yet
coming-soon =
    Раздел «{ $feature }» скоро появится в боте.
    А пока: 8 800 700-54-05 (бесплатно) или офис на ул. Ленина 52а.
feature-trust = Доверительный платёж
feature-connect = Заявка на подключение
feature-support = Поддержка
