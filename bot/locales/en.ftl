# English, the second locale. Keep it in step with ru.ftl.

## Main menu
welcome =
    Hello, { $name }! I am the Kaspnet bot: your subscriber account in Telegram.
    Check your balance, top up by card, take a trust payment, change your tariff and talk to support, with no visit to the office.
menu-unlinked =
    Main menu.
    To see your balance and payments, sign in with the login and password from your contract.
menu-linked =
    Main menu.
    Contract { $login }: { $accountName }.
menu-login = 🔑 Sign in
menu-connect = 📝 Request a connection
menu-balance = 💰 Balance
menu-topup = 💳 Top up by card
menu-trust = 🤝 Trust payment
menu-tariffs = 📶 Tariffs
menu-profile = 👤 Profile
menu-support = 💬 Support
menu-contacts = 📍 Contacts and office
menu-help = ❓ Help
menu-switch = 🔁 Switch contract ({ $count })
switch-choose = Choose a contract:
switch-done = Contract { $login }

## Commands (the menu Telegram shows next to the input field)
command-start = Start and open the main menu
command-menu = Main menu
command-balance = Balance, tariff and how long it lasts
command-topup = Top up by card
command-trust = Trust payment
command-tariffs = Internet and IPTV tariffs
command-connect = Request a connection
command-login = Sign in with your contract login
command-logout = Sign out
command-profile = Profile and notifications
command-support = Support
command-contacts = Office phone and address
command-help = What the bot can do
command-cancel = Stop the current action

## Help
help =
    I am the Kaspnet bot: your subscriber account in Telegram. What I can do:

    /balance — balance, tariff and how long the money lasts
    /topup — top up by bank card
    /trust — trust payment when the money has run out
    /tariffs — internet and IPTV tariffs, change of tariff
    /profile — contract details, email, phone, password, notifications
    /login — sign in with the login and password from your contract
    /logout — sign out
    /connect — request a connection at a new address
    /support — frequent questions and a chat with an agent
    /contacts — office phone, address and hours
    /menu — main menu
    /help — this help and the choice of language
    /cancel — stop the current action
help-language = 🌐 Русский
language-changed = Bot language: English.

## Contacts
contacts =
    <b>Kaspnet: home internet and IPTV in Kaspiysk</b>

    ☎️ 8 800 700-54-05 (free call)
    📍 Office: Kaspiysk, Lenina st. 52a
    🕘 Mon–Fri 9:00–18:00, Sat 10:00–15:00, Sun closed

    Cash is accepted only at the office. By card: right here in the bot, /topup
contacts-venue-title = Kaspnet office
contacts-venue-address = Kaspiysk, Lenina st. 52a

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

## Features that are not here yet
coming-soon =
    “{ $feature }” is coming to the bot soon.
    Meanwhile: 8 800 700-54-05 (free call) or the office at Lenina st. 52a.
feature-balance = Balance
feature-topup = Card top-up
feature-trust = Trust payment
feature-tariffs = Tariffs
feature-connect = Connection request
feature-profile = Profile
feature-support = Support

## Conversations and errors
cancel-done = Stopped. Main menu: /menu
cancel-nothing = There is nothing to stop. Main menu: /menu
not-understood = I did not understand that. Choose an action in the menu: /menu
button-outdated = This button is out of date. Open the menu again: /menu
error-generic = Sorry, something went wrong. Please try again a little later or call 8 800 700-54-05.
