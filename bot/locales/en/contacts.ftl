## Contacts
contacts =
    <b>Kaspnet: home internet and IPTV in Kaspiysk</b>

    ☎️ 8 800 700-54-05 (free call)
    📍 Office: Kaspiysk, Lenina st. 52a
    🕘 Mon–Fri 9:00–18:00, Sat 10:00–15:00, Sun closed

    Cash is accepted only at the office. By card: right here in the bot, /topup
contacts-venue-title = Kaspnet office
contacts-venue-address = Kaspiysk, Lenina st. 52a
