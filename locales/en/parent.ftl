# Texts for parents (Telegram and VK). Plain text without markup: short, polite,
# no address by gender or age, no blame.

welcome =
    Hello! This is the support service of the Navigator of additional education.
    I answer common questions right away and pass everything else to our specialists, who reply within { $within }.
    Write your question or choose a section below.
menu-faq = Common questions
menu-write = Contact support
menu-tickets = My requests
write-prompt = Please describe your question in one message: what you were doing and what went wrong. You can attach a screenshot.
unsupported-content = I accept text, photos, documents, voice messages and videos. Please write your question in words or send a screenshot.
action-stale = This button is no longer active.

faq-answer =
    { $answer }

    Did this answer help?
faq-helped = It helped
faq-need-human = No, I need a specialist
faq-feedback-thanks = Thank you! Glad it helped. If you have more questions, just write.
faq-offers = The answer may already be here:
faq-offer-need-human = I need a specialist
faq-offer-solved = Glad the answer helped! Request №{ $number } is closed. If you have more questions, just write here.
faq-offer-kept-open = All right, request №{ $number } stays open: a specialist will answer in this chat.
faq-topics = Choose a topic:
faq-empty = There are no common questions yet. Write your question and we will answer.
faq-topic-questions = { $topic }: choose a question.
faq-topic-account = Account
faq-topic-children = Children in the profile
faq-topic-certificate = Certificate
faq-topic-applications = Applications
faq-topic-catalog = Programme catalogue
faq-topic-organizers = For organisers
faq-topic-booking = Booking system
faq-topic-technical = Technical questions
faq-topic-contacts = Contacts

ticket-opened =
    Request №{ $number } received. We will reply by { $due }.
    The specialist's answer will come to this chat. To add something, just write here.
ticket-opened-after-hours =
    Request №{ $number } is received. We are closed now: our specialists start at { $back } and will answer by { $due }.
    The answer will come to this chat. To add something, just write here.
response-within =
    { $unit ->
        [minutes]
            { $working ->
                [yes]
                    { $count ->
                        [one] { $count } working minute
                       *[other] { $count } working minutes
                    }
               *[no]
                    { $count ->
                        [one] { $count } minute
                       *[other] { $count } minutes
                    }
            }
       *[hours]
            { $working ->
                [yes]
                    { $count ->
                        [one] { $count } working hour
                       *[other] { $count } working hours
                    }
               *[no]
                    { $count ->
                        [one] { $count } hour
                       *[other] { $count } hours
                    }
            }
    }
ticket-choose-category = Please specify the topic, so the request reaches the right specialist sooner:
category-site = Navigator (website)
category-booking = Booking system
category-other = Other
category-set = Topic of request №{ $number }: { $category }.
category-already-open = There is already an open request on this topic; the specialist will reply there.
followup-ack = Added to request №{ $number }.

small-talk-greeting = Hello! Please write your question and I will try to help.
small-talk-thanks = You are welcome! If you have more questions, just write.
small-talk-unclear = I could not make out the message. Please write your question in words or tap "Contact support".

municipality-ask = Please tell us your municipality, so the request reaches the right team sooner. Choose from the list or type its name.
municipality-more = More
municipality-skip = Skip
municipality-set = Thank you! Municipality: { $name }.
municipality-phone = Your municipality's support phone: { $phone }.
municipality-skipped = All right. You can tell us your municipality later if needed.

my-tickets-none = No requests yet. Write your question and we will help.
my-tickets-header =
    { $count ->
        [0] No open requests. Your recent requests:
        [one] You have { $count } open request:
       *[other] You have { $count } open requests:
    }
my-ticket-line = №{ $number } · { $category } · { $status }
my-ticket-line-due = №{ $number } · { $category } · { $status } · reply by { $due }
ticket-status-new = received
ticket-status-waiting_agent = in progress
ticket-status-waiting_parent = waiting for your reply
ticket-status-on_hold = checking the details
ticket-status-resolved = solved
ticket-status-closed = closed
reopen-button = Reopen №{ $number }
ticket-reopened = Request №{ $number } is in progress again. We will reply by { $due }.
reopen-too-late = Request №{ $number } is already closed. Please write your question again and we will open a new request.
reopen-already-open = Request №{ $number } is already in progress.
rating-thanks = Thank you for your rating!

hold-parent = Please stay in touch, I am checking the information.
hold-thanks = Thank you for waiting.
line-moved-parent = Request №{ $number } has been passed to the specialists who handle this question. We will answer by { $due }.
deadline-moved-parent = We need a little more time to check everything about request №{ $number }. We will answer by { $due }. Thank you for your patience.
agent-signature = — { $name }, support team
resolved-parent = Request №{ $number } is solved.
resolved-reopen-hint = If the question remains, just write here and the request will reopen.
resolved-rate = Please rate the help:
