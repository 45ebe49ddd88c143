# Тексты для сотрудников в служебной группе.

relay-notice-reopened-by-parent = Родитель возобновил обращение.
relay-notice-rated = Оценка родителя: { $score } из 5.
relay-notice-delivery-failed =
    { $code ->
        [RECIPIENT_BLOCKED] ⚠️ Сообщение не доставлено: родитель заблокировал бота или запретил сообщения. Свяжитесь другим способом.
        [CHAT_NOT_FOUND] ⚠️ Сообщение не доставлено: чат с родителем не найден.
       *[other] ⚠️ Сообщение не доставлено ({ $code }). Попробуйте отправить ещё раз.
    }
relay-category-site = Навигатор
relay-category-booking = Бронирование
relay-category-other = Другое
relay-notice-taken = Ответственный: { $name }.
relay-card-title = Обращение №{ $number } · { $category }
relay-card-parent = Родитель: { $name } · { $channel }
relay-card-municipality = Муниципалитет: { $name }
relay-card-unknown = не указан
relay-card-due = Ответить до: { $due } (осталось { $left })
relay-card-faq-offered = Ответы FAQ не помогли: { $entries }
relay-card-blocked = ⚠️ Родитель заблокировал бота: сообщения не доставляются.
relay-card-messages = Сообщения родителя:
relay-channel-telegram = Telegram
relay-channel-vk = ВКонтакте
relay-info-title = Обращение №{ $number }: { $status }
relay-info-created = Создано: { $at }
relay-info-first-response = Первый ответ: { $at } (через { $after })
relay-info-assignee = Ответственный: { $name }
relay-info-messages = Сообщений: от родителя { $parent }, от поддержки { $agent }, заметок { $notes }
relay-info-resolved = Решено: { $at }
relay-info-breached = Срок ответа нарушен: { $at }
relay-status-new = новое
relay-status-waiting_agent = ждёт ответа поддержки
relay-status-waiting_parent = ждёт ответа родителя
relay-status-on_hold = на паузе
relay-status-resolved = решено
relay-status-closed = закрыто
relay-tickets-none = Открытых обращений нет.
relay-tickets-header =
    { $count ->
        [one] { $count } открытое обращение:
        [few] { $count } открытых обращения:
       *[many] { $count } открытых обращений:
    }
relay-tickets-more = …и ещё { $count }.
