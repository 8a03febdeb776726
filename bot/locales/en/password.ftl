## Password recovery and change
password-forgot = Forgot your password?
password-recovery-ask-login = Password recovery. Enter the login from your contract: a code to change the password will be sent to the email in your contract. To leave: /cancel
password-recovery-no-email =
    We cannot email a code for this login: check the login or, if your contract has no email, recover the password by phone at 8 800 700-54-05 or at the office, Kaspiysk, Lenina st. 52a (bring your passport). Contacts: /contacts
password-recovery-too-many = A code has been sent several times already. You can ask for a new one after { $time }.
password-recovery-code-sent = The code was sent to { $email }. Enter the 6 digits from the email. The code is valid for 15 minutes.
password-recovery-bad-code = The code is the 6 digits from the email. Enter it, or /cancel to leave.
password-recovery-wrong-code = Wrong code. Tries left: { $left }.
password-recovery-code-dead = The code is no longer valid. Ask for a new one.
password-mail-subject = Kaspnet: code to change your password
password-mail-text =
    Hello!

    The code to change the password of contract { $login }: { $code }
    The code is valid for 15 minutes. Do not share it with anyone.

    If you did not ask to change the password, ignore this email: the password stays as it is.

    Kaspnet, 8 800 700-54-05
password-change-not-signed-in = Sign in first: /login
password-change-ask-current = Changing the password of contract { $login }. Enter the current password; I will delete the message at once. To leave: /cancel
password-change-wrong-current = Wrong current password.
password-ask-new = Choose a new password: 8 to 64 characters, not only digits and not the same as the login. I will delete the message with it at once. To leave: /cancel
password-new-as-text = Send the new password as text, or /cancel to leave.
password-step-command = This looks like a command, and I am waiting for the password. I deleted the message and did not check it as a password. Send the password, or /cancel to leave.
password-step-too-long = A password is at most 64 characters, and this message is longer. I deleted it and did not check it as a password. Send the password, or /cancel to leave.
password-weak-length = The password must be 8 to 64 characters long. Choose another one.
password-weak-digits-only = The password cannot be only digits. Choose another one.
password-weak-same-as-login = The password cannot be the same as the login. Choose another one.
password-changed = The password of contract { $login } has been changed.
password-changed-notice = The password of contract { $login } has been changed. If it was not you, call us: 8 800 700-54-05.
password-placeholder = Password
password-code-placeholder = Code from the email
password-step-expired = This step has expired: I no longer remember it. I deleted the message and kept it nowhere. Start again: { $command }
password-recovery-elsewhere = The contract's password is kept by the Kaspnet billing, so the bot cannot recover it. Recover it in the Kaspnet personal account on the website or at the office — Kaspiysk, 52a Lenina St. (bring your passport), 8 800 700-54-05.
password-change-elsewhere = The contract's password is kept by the Kaspnet billing, so the bot cannot change it: change it in the Kaspnet personal account on the website or at the office — Kaspiysk, 52a Lenina St., 8 800 700-54-05. Then sign in to the bot again.
