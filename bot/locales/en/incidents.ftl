# Mass outages: what subscribers are told, and the staff's /incident.
incident-notice-opened =
    ⚠️ Network outage: { $text }
    Down since { $since }. Expected back by { $eta }.
    No need to write to support: we are on it and will tell you when it works again.
incident-notice-eta =
    ⏱ Outage: { $text }
    New expected time: { $eta }.
incident-notice-restored =
    ✅ Service restored: { $text }
    If the internet still does not work, switch the router off for 30 seconds and on again. Still nothing? Write to an operator: /support.
