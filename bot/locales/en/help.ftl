## Help
help =
    I am the Kaspnet bot: your subscriber account in Telegram. What I can do:

    /balance — balance, tariff and how long the money lasts
    /topup — top up by bank card
    /trust — trust payment when the money has run out
    /freeze — freeze the contract while you are away, and unfreeze it
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
