# Texts for agents in the staff group.

relay-notice-reopened-by-parent = The parent reopened the request.
relay-notice-self-served = ✅ The parent found the answer in the FAQ ("{ $question }") and marked it helpful. The request is closed.
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

# Card and etiquette warning buttons.
relay-button-take = Take
relay-button-resolve = Solved
relay-button-hold = Hold
relay-button-reopen = Reopen
relay-button-reveal = 👁 Show details
relay-button-send-anyway = Send as is
relay-button-edit = I'll fix it

# The parent's messages in the ticket's topic.
relay-parent-says = 👤 { $name }:
relay-parent-unnamed = Parent
relay-parent-faq-answered = 🤖 Answered by the FAQ: “{ $title }”. No reply needed unless the parent asks.
relay-parent-edited = ✏️ The parent edited a message:
    { $text }
relay-file-not-relayed =
    { $size ->
        [0] 📎 File not relayed: it could not be fetched. Please ask the parent to send it again.
       *[other] 📎 File not relayed ({ $size } MB): Telegram bots cannot download files over 20 MB. Please ask the parent to send it another way.
    }

# Notes in the topic: who did what.
relay-notice-held = ⏸ On hold ({ $name }): the parent was told; the deadline keeps running. The next reply starts with "Thank you for waiting".
relay-notice-deadline-moved = 🕒 Deadline moved to { $due } ({ $name }): { $reason }. The parent was told.
relay-notice-resolved = ✅ Solved ({ $name }). The parent was notified.
relay-notice-reopened = ↩️ Reopened ({ $name }).
relay-notice-not-open = Reply not sent: the request is { $status }. To answer, reopen it first: /reopen
relay-notice-faq-saved = 📚 FAQ draft saved ({ $slug }): the parent's question and the last answer. A supervisor will review it.
relay-line-moved-away = ➡️ The request moved to the “{ $to }” line ({ $name }). The topic is closed; work continues in the line's group.
relay-line-moved-here = 🔀 Line changed: “{ $from }” → “{ $to }” ({ $name }).
relay-line-history-header = 📜 History of request №{ $number } (moved from the “{ $from }” line):
relay-line-history-parent = 👤 Parent
relay-line-history-agent = 💬 { $name }
relay-line-history-note = 📝 Note by { $name }
relay-line-history-bot = 🤖 Bot
relay-line-history-files = 📎 files: { $count }
relay-line-history-empty = (no text)
relay-notice-faq-nothing = FAQ draft not saved: it needs the parent's question and at least one answer from support.
relay-refused =
    { $code ->
        [REOPEN_WINDOW_PASSED] Cannot reopen: the reopen window has passed. The parent can write again.
        [NOT_SUPERVISOR] Only a supervisor can move a deadline.
        [NO_RUNNING_DEADLINE] No deadline is running: the request is { $status }.
        [DEADLINE_USAGE] Give the time and the reason: /deadline +2h reason, /deadline 18:00 reason or /deadline 03.12 18:00 reason.
        [DEADLINE_IN_PAST] That time has passed. Give a time in the future.
        [LINE_USAGE] Name the line: /line site (Navigator), /line booking (Booking) or /line other (Other).
        [LINE_SAME] The request is on this line already.
        [LINE_HAS_OPEN_TICKET] The parent already has an open request on that line. Answer there or solve one of them.
       *[other] Not possible now: the request is { $status }.
    }

# Etiquette: a reply held back.
relay-etiquette-held = ⚠️ The reply was not sent to the parent:
relay-etiquette-what-now = Fix it and send again, or tap "Send as is".
relay-etiquette-spelling = Check the spelling (a hint only, it never holds a reply): { $words }.
relay-etiquette-finding = "{ $match }" ({ $kind })

# Short answers to button taps.
relay-toast-taken = Request №{ $number } is yours
relay-toast-resolved = Solved, the parent was notified
relay-toast-held = On hold: the parent was told
relay-toast-reopened = Reopened
relay-toast-not-staff = Only staff members who may write in this group can act on tickets
relay-pii-none = Nothing is hidden here
relay-pii-sent-privately = The details were sent to you in a private message
relay-pii-private-header = Details from the parent's message (visible to you only):
relay-pii-kind-phone = Phone
relay-pii-kind-email = E-mail
relay-pii-kind-snils = SNILS
relay-pii-kind-passport = Passport
relay-pii-kind-card = Card
relay-pii-kind-birth_certificate = Birth certificate
relay-toast-sent = Sent to the parent
relay-toast-draft-discarded = Not sent. Please write the corrected reply
relay-toast-draft-settled = This reply was handled already
relay-toast-draft-not-yours = Only the author of the reply or a supervisor can send it as it is
relay-toast-not-open = The request is closed: reply not sent
relay-toast-refused =
    { $code ->
        [REOPEN_WINDOW_PASSED] The reopen window has passed
       *[other] Not possible now
    }

# General topic.
relay-hint-in-topic = This command works inside a request's topic.
relay-help =
    A reply in a request's topic goes to the parent. "!text" or /note is a note for colleagues; the parent never sees it.
    /take — take the request
    /resolve [comment] — solved, the parent is notified
    /hold — hold ("Please stay in touch…"), the deadline keeps running
    /deadline +2h reason — move the deadline (supervisors)
    /reopen — reopen
    /faq — save the answer as an FAQ draft
    /info — the request's history
    /tickets — open requests
    /line booking — move to a line (site, booking, other)
relay-role-set =
    { $role ->
        [supervisor] { $name } is now a supervisor and gets deadline escalations.
        [admin] { $name } is now an administrator and gets deadline escalations.
       *[other] { $name } is now a support agent.
    }
relay-role-usage = Reply to a colleague's message: /role supervisor (or agent). An id works too: /role 123456789 supervisor
relay-role-admins-only = Roles are changed by the group's administrators.
relay-notice-reply-text = Sent to the parent by { $name }:
    { $text }
relay-notice-spelling = ✏️ Sent. These may be typos: { $words }. If needed, follow up with a correction.
relay-console-link = Your console sign-in link (valid for 10 minutes, once): { $url }
relay-console-start-bot = To get a console sign-in link, open a private chat with the bot, press "Start" and write /console here again.
relay-macro-unknown = There is no canned reply "{ $name }". Available: { $names }. Edit them in the web console.
