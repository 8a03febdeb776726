## Announcements from the staff chat
announce-staff-only = Only members of the staff chat send announcements.
announce-how = Write the text after the command: /announce Planned works tomorrow 10 to 12… Or answer a message with the text (up to 4096 characters) with /announce.
announce-preview =
    📣 Announcement #{ $id }, above, as subscribers will see it.
    It reaches: with news on { $news }, all subscribers { $all }.
announce-send-news = 📣 To those with news on ({ $count })
announce-send-all = 📣 To all subscribers ({ $count })
announce-cancel = ✖️ Cancel
announce-cancelled = Announcement #{ $id } was not sent.
announce-already-sent = Announcement #{ $id } with this text went out on { $at }.
announce-audience-news = to those with news on
announce-audience-all = to all subscribers
announce-sending =
    📣 Announcement #{ $id } is going out { $audience } ({ $by }).
    Sent { $sent } of { $recipients }, not delivered { $failed }, left { $left }.
announce-done =
    ✅ Announcement #{ $id } went out { $audience } ({ $by }).
    Sent { $sent } of { $recipients }, not delivered { $failed }{ $unconfirmed ->
        [0] {""}
       *[other] , unknown (a crash while sending) { $unconfirmed }
    }.
