# Response deadlines (SLA): reminders and delay notices.
# Parent texts are plain text: short, polite, no blame.

sla-breach-parent = We are running late with the answer to request №{ $number }, we apologise; we will reply as soon as we can.
sla-waiting-reminder = A reminder about request №{ $number }: the specialist is waiting for your answer. If the question is solved already, there is nothing to do — the request will close by itself.
sla-auto-closed-parent = We closed request №{ $number } as we did not hear back. If the question remains, just write here — we will help.

# For the staff group (rendered by the relay bot).

relay-sla-warning = ⏰ { $left } left to reply (due { $due }).
relay-sla-breach = 🔴 The reply to request №{ $number } is overdue: it was due { $due }. Help with the answer is needed.
relay-sla-reminder-sent = No answer from the parent for { $after }: a reminder was sent.
relay-sla-auto-closed = 🔒 The request was closed automatically: the parent did not answer within { $after }.
relay-digest =
    📊 Digest for { $date }
    Last 24 h: { $opened } new, { $resolved } solved, { $breached } past the deadline.
    Open now: { $open }; due within 4 h: { $atRisk }; overdue: { $overdue }.
