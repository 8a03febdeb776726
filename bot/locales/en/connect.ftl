## Connection request: the prospect's questions
connect-intro =
    📝 Connection request to Kaspnet.
    A few questions, a couple of minutes. Then our staff will call you back, answer your questions and invite you to the office to sign the contract.
    To leave: /cancel — your answers are kept, continue with /connect.
connect-resumed = Let's continue your request where you stopped.
connect-continue = Continuing your request.
connect-ask-name = What is your name? A first name is enough, a surname is welcome.
connect-bad-name = A name is letters, 2 to 80 characters, e.g. Ruslan Magomedov.
connect-ask-phone = Your phone number: press “📱 Send my number” below or type it, e.g. +7 928 123-45-67.
connect-share-phone = 📱 Send my number
connect-bad-phone = I did not understand the number. Type a Russian number, e.g. +7 928 123-45-67 or 8 928 123-45-67, or press “📱 Send my number”.
connect-contact-not-own = That is someone else's contact. Send your own with “📱 Send my number” or type the number to call.
connect-phone-noted = Phone to call: { $phone }.
connect-ask-address =
    Address to connect ({ $town }): street, house and apartment if any. E.g. Lenina st. 52a, apt. 7.
    Another town or village — the button below.
connect-town-home = Kaspiysk
connect-other-town = 🏘 Another town
connect-default-town = ↩️ Kaspiysk
connect-bad-address = Write the street and house number (and apartment if any), up to 200 characters. E.g. Lenina st. 52a, apt. 7.
connect-ask-town = Write the name of the town or village, e.g. Makhachkala.
connect-bad-town = A town name is letters, 2 to 60 characters, e.g. Makhachkala.
connect-town-noted = We mostly connect homes in Kaspiysk. Whether we can connect you in “{ $town }”, our staff will check and tell you when they call.
connect-ask-tariff = Which tariff are you interested in? Not sure — press “Advise me”, our staff will help you choose.
connect-tariff-option = { $name } · { $speed } Mbit/s · { $fee } a month
connect-tariff-advise = 🤔 Advise me
connect-bad-tariff = Pick a tariff with the buttons under the question, or press “Advise me”.
connect-ask-iptv = Do you want IPTV digital television?
connect-iptv-yes = 📺 Yes, please
connect-iptv-no = No, internet only
connect-bad-iptv = Answer with a button under the question: “Yes, please” or “No, internet only”.
connect-ask-time = When is it convenient to take our call? Pick a button or write your own, e.g. Saturday after 12.
connect-time-morning = Morning, 9–12
connect-time-day = Afternoon, 12–17
connect-time-evening = Evening, 17–20
connect-time-any = Any time
connect-bad-time = Write when to call in words and digits, up to 100 characters, or pick a button.
connect-ask-comment = Anything to add? Write a comment (e.g. the floor or how to find you) or press “No comment”.
connect-comment-none = No comment
connect-bad-comment = A comment is text, up to 1000 characters. Or press “No comment”.

## Connection request: the summary
connect-summary =
    Please check your request:
    Name: { $name }
    Phone: { $phone }
    Address: { $town }, { $address }
    Tariff: { $tariff }
    IPTV: { $iptv }
    When to call: { $time }
    Comment: { $comment }
connect-yes = yes
connect-no = no
connect-advise = advise me
connect-no-comment = —
connect-send = ✅ Send
connect-edit = ✏️ Change
connect-drop = ✖️ Cancel the request
connect-bad-summary = Press a button under the request: “Send”, “Change” or “Cancel the request”.
connect-ask-field = What would you like to change?
connect-field-name = Name
connect-field-phone = Phone
connect-field-address = Address
connect-field-tariff = Tariff
connect-field-iptv = IPTV
connect-field-time = Time to call
connect-field-comment = Comment
connect-field-back = ↩️ Back to the request
connect-bad-field = Pick with a button what to change.
connect-dropped = The request is cancelled. To leave a new one: /connect
connect-sent = ✅ Request No. { $id } received. Our staff will call you ({ $time }), answer your questions and invite you to the office to sign the contract. Its status: /connect
connect-merged = There is already request No. { $id } from { $phone } ({ $status }). We added the new details to it — no second request is needed. Its status: /connect

## Connection request: the prospect's requests
connect-yours = Your requests:
connect-your-request = No. { $id } of { $date } · { $address } — { $status }
connect-your-reason = Reason: { $reason }
connect-unfinished = You have an unfinished request: { $done } of { $total } questions answered.
connect-resume = ▶️ Continue the request
connect-restart = 🆕 Start over
connect-new = 📝 New request
connect-status-new = received, waiting for our call
connect-status-in-progress = in progress
connect-status-signed = contract signed
connect-status-rejected = declined
connect-now-in-progress = 🛠 Request No. { $id } is in progress: our staff will call you soon ({ $time }).
connect-now-signed = 🎉 The contract for request No. { $id } is signed — welcome to Kaspnet! The login and password of your personal account are in the contract; sign in with /login
connect-now-rejected = Request No. { $id } is declined. Reason: { $reason }. Questions: 8 800 700-54-05 (free call).

## Connection requests: the staff chat
connect-card =
    📝 Request No. { $id } · { $date }
    Name: { $name }
    Phone: { $phone }
    Address: { $town }, { $address }
    Tariff: { $tariff }
    IPTV: { $iptv }
    When to call: { $time }
connect-card-other-town = ⚠️ Not Kaspiysk: check whether we can connect there.
connect-card-comment = Comment: { $comment }
connect-card-status-new = Status: 🆕 new
connect-card-status-in-progress = Status: 🛠 in progress — { $by }, { $at }
connect-card-status-signed = Status: ✅ contract signed — { $by }, { $at }
connect-card-status-rejected = Status: ❌ declined — { $by }, { $at }. Reason: { $reason }
connect-card-work = 🛠 Take it
connect-card-signed = ✅ Contract signed
connect-card-reject = ❌ Decline
connect-card-merged = 🔁 Another request from { $phone }: request No. { $id } is updated.
connect-staff-status-new = new
connect-staff-status-in-progress = in progress
connect-staff-status-signed = contract signed
connect-staff-status-rejected = declined
connect-staff-only = Only members of the staff chat change the status of requests.
connect-staff-members-only = Only members of the staff chat see requests.
connect-staff-done = Request No. { $id }: { $status }.
connect-staff-already = Request No. { $id } is already: { $status }.
connect-staff-ask-reason = { $by }, write the reason to decline request No. { $id } as a reply to this message.
connect-staff-reason = Reason to decline
connect-staff-bad-reason = A reason is text, 2 to 500 characters. Reply to the question message again.
connect-staff-open-none = No open requests.
connect-staff-open = Open requests ({ $count }):
connect-staff-open-line = No. { $id } · { $date } · { $status } · { $name } · { $phone } · { $town }, { $address }
connect-staff-open-more = …and { $more } more.
connect-staff-find-usage = Give a phone: /find +7 928 123-45-67
connect-staff-find-none = No requests from { $phone }.
connect-digest = ⏰ Requests untouched for over a day ({ $count }):
connect-digest-line = No. { $id } · since { $date } · { $name } · { $phone }
connect-digest-more = …and { $more } more.
