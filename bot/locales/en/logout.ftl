## Sign-out
logout-not-signed-in = You are not signed in to any contract. Sign in: /login
logout-choose = Sign out. The contract open now is { $login }, { $accountName }.
logout-one = 🚪 Sign out of contract { $login }
logout-all = 🚪 Sign out of all contracts ({ $count })
logout-everywhere = 🔒 Sign out everywhere ({ $login })
logout-stay = Stay
logout-stayed = You are still signed in.
logout-done = You have signed out of contract { $login }.
logout-all-done = You have signed out of all contracts.
logout-everywhere-ask-password = To sign this contract out of every device and every Telegram account, enter the contract's password. I will delete the message with it at once.
logout-everywhere-done = Done: contract { $login } is unlinked from every Telegram account, this one included.
logout-everywhere-notice = You were signed out of contract { $login } on every device at the owner's request. To sign in again: /login
