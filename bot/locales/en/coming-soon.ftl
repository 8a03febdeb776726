## Features that are not here yet
coming-soon =
    “{ $feature }” is coming to the bot soon.
    Meanwhile: 8 800 700-54-05 (free call) or the office at Lenina st. 52a.
feature-trust = Trust payment
feature-connect = Connection request
feature-support = Support
