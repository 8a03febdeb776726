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
