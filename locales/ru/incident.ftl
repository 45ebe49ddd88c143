# Режим инцидента (/incident): родителям.
incident-parent-notice = Мы знаем о проблеме: { $notice }
    Уже исправляем и напишем вам, как только всё заработает.
incident-resolved-parent = Проблема, о которой вы писали, устранена. Обращение №{ $number } решено.

# Режим инцидента: сотрудникам.
incident-line-all = все линии
incident-summary-open =
    🚨 Инцидент №{ $id } ({ $line }): { $notice }
    Родители, которые пишут, получают это сообщение сразу.
    Обращений: { $linked }, без отдельной темы: { $waiting }. Последние: { $latest }
    /topic номер — отдельная тема для обращения, /topic — для следующего по очереди. /link { $id } в теме — привязать обращение. /incident resolve текст — закрыть и сообщить всем.
incident-summary-resolved =
    ✅ Инцидент №{ $id } ({ $line }) решён: { $resolution }
    Решено обращений: { $linked }, родители уведомлены.
incident-none-open = Открытых инцидентов нет. Открыть: /incident текст для родителей (или /incident booking текст — только для записи).
incident-status = 🚨 Инцидент №{ $id } ({ $line }): { $notice } — обращений: { $count }.
incident-usage = Напишите текст для родителей: /incident Запись временно не работает, исправляем.
incident-supervisors-only = Открывать и закрывать инциденты могут руководители и администраторы группы.
incident-already-open = Инцидент №{ $id } по этой линии уже открыт. Посмотреть: /incident
incident-resolve-usage = Напишите, что сообщить родителям: /incident resolve Запись снова работает.
incident-resolve-which = Открыто несколько инцидентов — укажите номер: /incident resolve №2 текст
incident-link-which = Открыто несколько инцидентов — укажите номер: /link 2
incident-link-not-open = Обращение №{ $number } уже не открыто, привязывать нечего.
incident-linked-staff = Обращение привязано к инциденту №{ $id }: родитель получил уведомление и узнает, когда всё заработает.
incident-topic-none = Обращений без отдельной темы нет.
