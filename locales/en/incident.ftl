# Incident mode (/incident): parents.
incident-parent-notice = We know about the problem: { $notice }
    We are fixing it and will write to you as soon as everything works again.
incident-resolved-parent = The problem you wrote about is fixed. Request №{ $number } is resolved.

# Incident mode: staff.
incident-line-all = all lines
incident-summary-open =
    🚨 Incident №{ $id } ({ $line }): { $notice }
    Parents who write get this notice at once.
    Requests: { $linked }, without their own topic: { $waiting }. Latest: { $latest }
    /topic number — a topic for one request, /topic — for the next in line. /link { $id } in a topic — link a request. /incident resolve text — close and tell everyone.
incident-summary-resolved =
    ✅ Incident №{ $id } ({ $line }) resolved: { $resolution }
    Requests resolved: { $linked }, parents told.
incident-none-open = No incident is open. To open one: /incident text for parents (or /incident booking text — for the booking line only).
incident-status = 🚨 Incident №{ $id } ({ $line }): { $notice } — requests: { $count }.
incident-usage = Write the text for parents: /incident Booking is down for now, we are fixing it.
incident-supervisors-only = Supervisors and group administrators open and close incidents.
incident-already-open = Incident №{ $id } is already open for this line. To see it: /incident
incident-resolve-usage = Write what to tell parents: /incident resolve Booking works again.
incident-resolve-which = Several incidents are open — give the number: /incident resolve №2 text
incident-link-which = Several incidents are open — give the number: /link 2
incident-link-not-open = Request №{ $number } is not open any more; there is nothing to link.
incident-linked-staff = The request is linked to incident №{ $id }: the parent got the notice and will hear when it is fixed.
incident-topic-none = Every request has its own topic already.
