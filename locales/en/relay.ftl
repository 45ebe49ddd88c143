# Texts for agents in the staff group.

relay-notice-reopened-by-parent = The parent reopened the request.
relay-notice-rated = The parent's rating: { $score } out of 5.
relay-notice-delivery-failed =
    { $code ->
        [RECIPIENT_BLOCKED] ⚠️ Not delivered: the parent blocked the bot or turned off messages. Please use another way to reach them.
        [CHAT_NOT_FOUND] ⚠️ Not delivered: the chat with the parent was not found.
       *[other] ⚠️ Not delivered ({ $code }). Please try sending again.
    }
relay-category-site = Navigator
relay-category-booking = Booking
relay-category-other = Other
relay-notice-taken = Assigned to { $name }.
relay-card-title = Request №{ $number } · { $category }
relay-card-parent = Parent: { $name } · { $channel }
relay-card-municipality = Municipality: { $name }
relay-card-unknown = not given
relay-card-due = Reply by: { $due } ({ $left } left)
relay-card-faq-offered = FAQ answers that did not help: { $entries }
relay-card-blocked = ⚠️ The parent blocked the bot: messages are not delivered.
relay-card-messages = Parent's messages:
relay-channel-telegram = Telegram
relay-channel-vk = VK
relay-info-title = Request №{ $number }: { $status }
relay-info-created = Created: { $at }
relay-info-first-response = First response: { $at } (after { $after })
relay-info-assignee = Assigned to: { $name }
relay-info-messages = Messages: from the parent { $parent }, from support { $agent }, notes { $notes }
relay-info-resolved = Solved: { $at }
relay-info-breached = Reply deadline missed: { $at }
relay-status-new = new
relay-status-waiting_agent = waiting for support
relay-status-waiting_parent = waiting for the parent
relay-status-on_hold = on hold
relay-status-resolved = solved
relay-status-closed = closed
relay-tickets-none = No open requests.
relay-tickets-header =
    { $count ->
        [one] { $count } open request:
       *[other] { $count } open requests:
    }
relay-tickets-more = …and { $count } more.
