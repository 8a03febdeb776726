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
menu-freeze = ❄️ Freeze
menu-tariffs = 📶 Tariffs
menu-profile = 👤 Profile
menu-support = 💬 Support
menu-contacts = 📍 Contacts and office
menu-help = ❓ Help
menu-switch = 🔁 Switch contract ({ $count })
switch-choose = Choose a contract:
switch-done = Contract { $login }
