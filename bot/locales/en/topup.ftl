## Card top-up
topup-not-configured = Card payment in the bot is not set up yet. You can pay cash at the office, Kaspiysk, Lenina st. 52a, or call 8 800 700-54-05 for other ways.
topup-choose = Top up contract { $login } by bank card. Balance: { $balance }. Choose the amount:
topup-month = Monthly fee: { $amount }
topup-debt = Pay off the debt: { $amount }
topup-amount = { $amount }
topup-other = Another amount
topup-ask-amount = Enter the amount in rubles, from { $min } to { $max }: e.g. 750 or 750,50. To leave: /cancel
topup-bad-amount = I did not understand the amount. Write the rubles, e.g. 750 or 750,50 (from { $min } to { $max }).
topup-out-of-range = A top-up is from { $min } to { $max }. Enter another amount.
topup-closed = The contract is closed: top-ups are not available. Questions: 8 800 700-54-05.
topup-invoice-title = Balance top-up
topup-invoice-description = Contract { $login }, { $accountName }. Credited to your Kaspnet balance.
topup-invoice-label = Contract { $login }
topup-refused-unknown = Invoice not found. Ask for a new one: /topup
topup-refused-not-pending = This invoice is already paid or closed. For a new top-up: /topup
topup-refused-expired = The invoice is out of date. Ask for a new one: /topup
topup-refused-amount-mismatch = The amount does not match the invoice. Ask for a new one: /topup
topup-refused-currency = Payments are accepted in rubles only.
topup-refused-closed = The contract is closed: top-ups are not available.
topup-receipt = ✅ Payment received: { $amount } credited to contract { $login }.
topup-unblocked = Internet access is restored.
topup-unknown-invoice = Payment received, but the invoice was not found. We are looking into it; if your balance does not change within an hour, call 8 800 700-54-05.
topup-missing = I paid but my balance did not change
topup-missing-none = No invoices have been issued in the bot for this contract. If you paid another way, call 8 800 700-54-05 and we will find the payment.
topup-missing-choose = Contract { $login }: choose the invoice you paid.
topup-missing-line = { $at } · { $amount }
topup-missing-paid = The payment of { $amount } for the invoice of { $at } was credited on { $paidAt }. Telegram payment number: { $chargeId }. It is in your balance: /balance
topup-missing-pending = No payment has reached us for the invoice of { $at } for { $amount }: Telegram has not reported a charge. If your card was charged, keep the receipt and call 8 800 700-54-05; we will check by the transaction number.
topup-missing-mismatch = For the invoice of { $at } for { $amount }, Telegram reported on { $paidAt } a payment whose amount or currency did not match the invoice, so it was not credited. The agents already know; write to support or call 8 800 700-54-05 and we will refund or credit it.
topup-missing-expired = The invoice of { $at } for { $amount } expired unpaid. If your card was charged, call 8 800 700-54-05 with the receipt and we will check.
topup-missing-other = Another payment: enter the amount
topup-missing-ask = Write the amount of the payment and, if you remember, the date and time: e.g. "500", "500 12.03" or "500 12.03 14:30". To leave: /cancel
topup-missing-bad-format = I did not understand. Write the amount of the payment, then, if you remember, the date and time: e.g. 500 or 500 12.03 14:30. To leave: /cancel
topup-missing-bad-amount = Card payments in the bot are from { $min } to { $max }. Write the amount you paid, e.g. 500. To leave: /cancel
topup-missing-bad-date = There is no such date or time. Write the date as 12.03 or 12.03.2026 and the time as 14:30. To leave: /cancel
topup-missing-bad-future = That date has not come yet. Write the date of the payment, e.g. 12.03. To leave: /cancel
topup-missing-when-recent = in the last { $days } days
topup-missing-when-day = on { $day }
topup-missing-when-time = on { $day } at about { $time }
topup-missing-not-found = We found no payment of { $amount } { $when } on contract { $login }: Telegram has not reported such a payment to us. If your card was charged, keep the receipt; we will check by the transaction number.
topup-missing-paid-entry = In the balance history: { $at } · +{ $amount }, balance after it { $balanceAfter }.
topup-missing-still-wrong = Still cannot see the money? Write to support: the agent gets all the payment details.
topup-missing-write-support = Was your card charged? Write to support: the agent gets all the payment details.
topup-missing-call = Call 8 800 700-54-05 (free) and we will find the payment.
topup-missing-support = ✍️ Write to support
topup-ticket-sent = The agent already sees the details of the payment on contract { $login }. If you like, add how and when you paid, or send a photo of the receipt, right here.
topup-ticket-title = 💳 The subscriber paid but the balance did not change (from /topup). Contract { $login }.
topup-ticket-recollection = The subscriber says: { $amount }, { $when }.
topup-ticket-payment = Invoice #{ $id } of { $at } for { $amount }: { $status ->
        [paid] paid on { $paidAt }
        [pending] not paid, Telegram reported no charge
        [mismatch] Telegram reported a payment of another amount or currency, nothing credited
       *[expired] expired unpaid
    }.
topup-ticket-charge = Telegram payment number: { $telegram }; at the payment provider: { $provider }.
topup-ticket-entry = Credited by ledger entry #{ $entry } of { $at }: +{ $amount }, balance after it { $balanceAfter }.
topup-ticket-entry-missing = ⚠️ The ledger has no entry crediting this payment.
topup-ticket-not-found = No invoice in the bot for this amount at that time.
topup-ticket-no-invoices = No invoices have been issued in the bot for the contract.
topup-ticket-balance = Balance now: { $balance }.
topup-receipt-payer = ✅ Payment of { $amount } received, thank you!
topup-mismatch = Payment received, but its amount or currency did not match the invoice, so nothing was credited. The agents are looking into it; if your card was charged, call 8 800 700-54-05.
# To the agents' chat: a card payment reported but not credited.
payment-alert-mismatch = ⚠️ A card payment did not match its invoice: nothing credited. Contract { $login }, record #{ $id }: invoice for { $expected }, Telegram reported a payment of { $reported }.
payment-alert-unknown = ⚠️ A card payment for an unknown invoice: nothing credited. Telegram reported a payment of { $reported }.
payment-alert-payer = Payer: Telegram user { $payer }.
payment-alert-charge = Telegram payment number: { $telegram }; at the payment provider: { $provider }.
payment-alert-unposted = ⚠️ A card payment was not posted to the billing: the card was charged, the balance not credited. Contract { $login }, record #{ $id }, { $amount }: { $why } ({ $detail }). Check the payment in the billing and post it by hand; the bot will not try again.
payment-alert-unposted-conflict = the billing answered with something that is not this payment
payment-alert-unposted-refused = the billing refused the payment
topup-received-posting = ✅ Payment of { $amount } received, crediting it to contract { $login }. We will send the new balance once the billing confirms it.
# The fiscal receipt's item (54-ФЗ): in Russian whatever the subscriber's language.
topup-receipt-item = Пополнение лицевого счёта, договор { $login }: аванс за услуги связи
topup-receipt-fiscal = 🧾 The receipt will be sent to { $contact }.
topup-fresh-invoice = That invoice was out of date: an invoice is valid for { $hours ->
        [24] a day
        [1] an hour
       *[other] { $hours } hours
    }. Here is a new one for the same sum — you can pay it now.
payment-alert-closed = ⚠️ A card payment of { $amount } came to contract { $login }, closed after the invoice was issued: the money is on its balance. Contact the subscriber — refund it or move it to another contract.
