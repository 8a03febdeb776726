## Profile
profile-not-signed-in = Your profile is available once you sign in with the login and password from your contract: /login
profile-card =
    👤 Profile: contract { $login }
    { $accountName }
    Login: { $login }
    Address: { $address }
    Phone: { $phone }
    Email: { $email }
    Tariff: { $tariff }

    🔔 Balance reminders: { $reminders ->
        [on] on, { $days } { $days ->
            [one] day
           *[other] days
        } before the money runs out
       *[off] off
    }
    📰 Kaspnet news: { $news ->
        [on] send
       *[off] do not send
    }
profile-phone-none = not given
profile-email-none = not given
profile-tariff-internet = { $name }, { $speed } Mbit/s
profile-tariff-iptv = { $name } ({ $channels } { $channels ->
        [one] channel
       *[other] channels
    })
profile-tariff-none = none
profile-change-email = ✉️ Change email
profile-change-phone = 📱 Change phone
profile-change-password = 🔑 Change password
profile-reminders-on = 🔔 Turn reminders on
profile-reminders-off = 🔕 Turn reminders off
profile-days-less = ➖
profile-days = { $days } d. ahead
profile-days-more = ➕
profile-days-info = How many days before the money runs out to remind you of the balance: 1 to 7. Change it with ➖ and ➕.
profile-days-range = Reminders can come 1 to 7 days ahead, no earlier and no later.
profile-news-on = 📰 Send me news
profile-news-off = 📰 Stop sending news
profile-saved = Saved
profile-menu = ⬅️ Main menu
profile-email-ask = Enter the new email address: I will send a confirmation code to it. To leave: /cancel
profile-email-bad = That does not look like an email address. Send one like name@example.com, or /cancel to leave.
profile-email-same = This address is already on the contract. Enter another, or /cancel to leave.
profile-email-too-many = Confirmation codes have been sent several times already. You can ask for a new one after { $time }.
profile-email-not-sent = The email could not be sent. Please try again later or call 8 800 700-54-05.
profile-email-code-sent = The code was sent to { $email }. Enter the 6 digits from the email. The code is valid for { $minutes } minutes. To leave: /cancel
profile-email-bad-code = The code is the 6 digits from the email. Enter it, or /cancel to leave.
profile-email-wrong-code = Wrong code. Tries left: { $left }.
profile-email-code-dead = This code no longer works. To ask for a new one, open your profile: /profile
profile-email-changed = Done: the email of contract { $login } has been changed.
profile-email-mail-subject = Kaspnet: confirm your email address
profile-email-mail-text =
    Hello!

    This address was given for Kaspnet contract { $login }. Confirmation code: { $code }
    Enter it in the Kaspnet bot in Telegram. The code is valid for { $minutes } minutes. Do not share it with anyone.

    If you did not change your address, just ignore this email: the contract keeps its old address.
profile-phone-ask = To change the phone on your contract, press the “📱 Send my number” button below. To leave: /cancel
profile-phone-bad = Press the “📱 Send my number” button below, or /cancel to leave.
profile-phone-not-own = This is someone else's contact. Only your own number can go on the contract: press “📱 Send my number”.
profile-phone-invalid = This does not look like a Russian number. Send another, or /cancel to leave. A foreign number can go on the contract by phone: 8 800 700-54-05.
profile-phone-changed = Done: the phone of contract { $login } is now { $phone }.
profile-change-elsewhere = The contract's phone, email and password are kept by the Kaspnet billing: change them in the Kaspnet personal account on the website or at the office — Kaspiysk, 52a Lenina St., 8 800 700-54-05.
