## Web console for staff (/console/)

console-title = Navigator support console
console-nav-queue = Queue
console-nav-search = Search
console-nav-kb = Knowledge base
console-nav-macros = Canned replies
console-nav-dashboard = Dashboard
console-nav-municipalities = Municipalities
console-role-agent = agent
console-role-supervisor = supervisor
console-role-admin = administrator
console-sign-out = Sign out

console-sign-in-title = Sign in to the console
console-sign-in-how = To sign in, write /console in the staff group: the bot will send you a personal sign-in link. It works once, within 10 minutes.
console-sign-in-button = Sign in
console-sign-in-refused = This link has already been used or has expired. Ask for a new one with /console.

console-not-found = Not found
console-not-found-text = There is no such page. Perhaps the number has a typo.
console-bad-input = Please check the form
console-bad-input-text = Some fields are not filled in as expected:
console-forbidden = No access
console-forbidden-text = This page is for supervisors. If you need it, ask an administrator of the staff group.
console-too-many = Too many requests
console-too-many-text = Please wait a minute and try again.
console-failed = Something went wrong
console-failed-text = The request failed. Please try again; if it happens again, tell an administrator.

console-queue-title = Ticket queue
console-queue-total = { $count ->
    [one] { $count } ticket
   *[other] { $count } tickets
}
console-queue-total-more = more than { $count } tickets
console-no-tickets = No tickets.
console-any = any
console-status-open = open
console-assignee-me = mine
console-assignee-none = unassigned
console-sla-overdue = overdue
console-sla-1h = under an hour
console-sla-4h = under 4 hours
console-sla-24h = under a day
console-filter-button = Show
console-page-first = first page
console-page-next = next
console-col-parent = Parent
console-col-subject = Subject
console-col-status = Status
console-col-category = Queue
console-col-municipality = Municipality
console-col-assignee = Assignee
console-col-due = Reply due
console-col-created = Created
console-due-left = { $time } left
console-due-late = { $time } late

console-search-title = Search tickets
console-search-placeholder = number, parent's name, phone or words from the conversation
console-search-button = Search
console-search-hint = Enter a ticket number (e.g. 123), a parent's name or @username, a phone number or words from the conversation.
console-search-kind-number = Searching by ticket number.
console-search-kind-phone = Searching for a phone number in conversations.
console-search-kind-words = Searching words in conversations and parents' names.

console-parent-title = Parent: { $name }
console-parent-same-name = Perhaps the same parent: { $channel }

console-ticket-title = Ticket №{ $number }
console-conversation = Conversation
console-masked-note = Phone numbers, e-mails and document numbers are hidden.
console-reveal = Show data
console-direction-in = Parent
console-direction-bot = Bot
console-direction-agent = Support
console-direction-note = Note
console-action-take = Take
console-action-hold = Hold
console-action-resolve = Resolved
console-action-reopen = Reopen
console-reply-title = Reply to the parent
console-reply-send = Send
console-reply-flagged = The reply was not sent: please check the wording.
console-reply-force = Send as is
console-macro-insert = Insert canned reply
console-notice-sent = The reply was sent to the parent.
console-notice-done = Done.
console-notice-refused = This action is not available for this ticket now.
console-notice-duplicate = This form has already been sent.

console-dashboard-title = Support dashboard
console-dashboard-period = Last 30 days (deadline compliance: 12 weeks), dates in UTC.
console-chart-table = Data
console-chart-tickets-per-day = Tickets per day: channels and queues
console-chart-first-response = First response time against the deadline
console-chart-sla-by-week = First-response deadline met, by week, %
console-chart-faq-self-service = Questions answered by the knowledge base, %
console-chart-faq-top-entries = Most used knowledge-base answers
console-chart-csat = Parents' ratings
console-chart-open-by-age = Open tickets by age
console-series-telegram = Telegram
console-series-vk = VK
console-series-site = Navigator
console-series-booking = Booking
console-series-other = Other
console-series-met = on time
console-series-missed = late
console-series-percent = %
console-series-count = count

console-kb-title = Knowledge base
console-kb-drafts = Drafts to review
console-kb-no-drafts = No drafts.
console-kb-publish = Publish
console-kb-reject = Reject
console-kb-edit = Edit
console-kb-edit-title = Knowledge-base entry "{ $slug }"
console-kb-entries = Published answers
console-kb-question = Question
console-kb-answer = Answer
console-kb-phrasings = Other phrasings (one a line)
console-kb-hits = Shown
console-kb-helpful = Helped / not
console-kb-unanswered = Unanswered questions (30 days)
console-kb-no-unanswered = No unanswered questions.
console-kb-count = Times asked
console-kb-example = Examples
console-kb-notice-published = Published: parents will see it within a minute.
console-kb-notice-rejected = The draft was rejected.
console-kb-notice-saved = Saved.

console-macros-title = Canned replies
console-macros-help = A canned reply is inserted into a reply in the console or with /m name in a ticket's topic. Placeholders: {"{"}parent{"}"} is the parent's name, {"{"}number{"}"} the ticket number.
console-macro-name = Name (one word)
console-macro-text = Text
console-macro-new = New canned reply
console-municipalities-title = Municipalities
console-phone = Phone
console-time-zone = Time zone
console-save = Save
console-delete = Delete
