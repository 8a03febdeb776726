## Conversations and errors
cancel-done = Stopped. Main menu: /menu
cancel-nothing = There is nothing to stop. Main menu: /menu
not-understood = I did not understand that. Choose an action in the menu: /menu
button-outdated = This button is out of date. Open the menu again: /menu
error-generic = Sorry, something went wrong. Please try again a little later or call 8 800 700-54-05.
error-billing-unavailable = The billing is not answering right now. Please try again in a few minutes.
error-billing-credential-rejected = Your password changed in the billing. Please sign in again: /login
