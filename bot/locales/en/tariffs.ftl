## Tariffs
tariffs-title = 📶 Kaspnet tariffs
tariffs-title-linked = 📶 Tariffs · contract { $login }
tariffs-internet = Internet:
tariffs-iptv = IPTV television:
tariffs-internet-line = { $mark } { $name }: { $speed } Mbit/s, { $fee } a month
tariffs-iptv-line = { $mark } { $name }: { $channels } channels, { $fee } a month
tariffs-unlinked-hint = To get connected, leave a request. Already a subscriber? Sign in to change your tariff.
tariffs-pending = Tariff change: from { $date }, “{ $name }”.
tariffs-cancel-pending = ✖️ Cancel the tariff change
tariffs-switch-to = Switch to “{ $name }”
tariffs-iptv-add = Add “{ $name }”
tariffs-iptv-remove = Remove IPTV
tariffs-already = You already have this tariff.
tariffs-confirm-internet =
    Contract { $login }: from “{ $from }” to “{ $to }”.
    Difference in the monthly fee: { $difference } a month.
    The new tariff starts on { $date }; until then you can cancel the change.
tariffs-confirm = ✅ Confirm
tariffs-keep = Keep the current one
tariffs-kept = Your tariff stays as it is.
tariffs-scheduled = Done: from { $date } your tariff is “{ $name }”. You can cancel the change in /tariffs.
tariffs-cancelled = The tariff change is cancelled; your tariff stays as it is.
tariffs-iptv-pending = IPTV change: from { $date }, “{ $name }”.
tariffs-iptv-pending-removal = IPTV change: removed from { $date }.
tariffs-iptv-cancel-pending = ✖️ Cancel the IPTV change
tariffs-iptv-scheduled = Done: from { $date } contract { $login } has “{ $name }”. Until then IPTV stays as it is; you can cancel the change in /tariffs.
tariffs-iptv-removal-scheduled = Done: from { $date } IPTV is removed from contract { $login }. Until then IPTV stays as it is; you can cancel the change in /tariffs.
tariffs-iptv-cancelled = The IPTV change is cancelled; everything stays as it was.
tariffs-iptv-already-scheduled = This IPTV change is already scheduled.
tariffs-iptv-already-off = IPTV is not on.
tariffs-internet-line-plain = { $mark } { $name } — { $fee } a month
tariffs-change-elsewhere =
    ▫️ — tariffs you can switch to. The bot cannot change the tariff of this contract: switch in the Kaspnet personal account on the website or at the office — Kaspiysk, 52a Lenina St., 8 800 700-54-05.
