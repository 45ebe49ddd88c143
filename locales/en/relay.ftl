# Texts for agents in the staff group.

relay-notice-reopened-by-parent = The parent reopened the request.
relay-notice-rated = The parent's rating: { $score } out of 5.
relay-notice-delivery-failed =
    { $code ->
        [RECIPIENT_BLOCKED] ⚠️ Not delivered: the parent blocked the bot or turned off messages. Please use another way to reach them.
        [CHAT_NOT_FOUND] ⚠️ Not delivered: the chat with the parent was not found.
       *[other] ⚠️ Not delivered ({ $code }). Please try sending again.
    }
