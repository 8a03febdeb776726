## Sign-in
login-ask-login =
    Enter the login from your contract: usually the contract number, e.g. 10001.
    Or sign in with your phone number: the “📱 Send my number” button below. To leave: /cancel
login-share-phone = 📱 Send my number
login-bad-login = The login is your contract number: digits and Latin letters, up to 32 characters. Enter the login, or /cancel to leave.
login-ask-password = Now enter the password. I will delete the message with it from the chat at once.
login-bad-password = Send the password as text, or /cancel to leave.
login-success = You are signed in: contract { $login }, { $accountName }.
login-invalid = Wrong login or password. Check the keyboard layout and try again.
login-locked = Sign-in to this contract is blocked for a while after several wrong passwords. Try again after { $time }.
login-too-many = Too many sign-in attempts. Try again after { $time }.
login-retry = 🔁 Try again
login-contact-not-own = This is someone else's contact. Send your own number with the “📱 Send my number” button, or sign in with your login and password.
login-contact-no-match = This number is not on any contract. Sign in with the login and password from your contract, or call us: 8 800 700-54-05.
login-contact-several = This number is on several contracts. Sign in with the login and password of the one you need.
login-billing-unavailable = The billing is not answering right now, so the password could not be checked. This try does not count: please try again in a few minutes.
login-suspended = The billing no longer accepts the password of contract { $login }: it seems to have been changed. Please sign in again with the new password; nothing is lost.
login-ask-login-only = Enter the login from your contract — the one of the Kaspnet personal account. To leave: /cancel
login-contact-not-here = Signing in by phone number does not work here: the billing checks the contract's login and password. Enter your login.
