## Commands (the menu Telegram shows next to the input field)
command-start = Start and open the main menu
command-menu = Main menu
command-balance = Balance, tariff and how long it lasts
command-topup = Top up by card
command-trust = Trust payment
command-freeze = Freeze the contract while you are away
command-tariffs = Internet and IPTV tariffs
command-connect = Request a connection
command-login = Sign in with your contract login
command-logout = Sign out
command-profile = Profile and notifications
command-support = Support
command-contacts = Office phone and address
command-help = What the bot can do
command-cancel = Stop the current action

## The agents' group
command-close = Close this topic's ticket
command-reopen = Reopen this topic's ticket
command-card = Refresh the subscriber's card
command-stats = Support statistics

## The staff chat
command-requests = Connection requests still open
command-find = Find a request by phone
command-incident = Open an outage (tell subscribers)
command-incidents = Open outages: ETA, close
command-announce = Announce to subscribers
