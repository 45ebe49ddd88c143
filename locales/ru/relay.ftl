# Тексты для сотрудников в служебной группе.

relay-notice-reopened-by-parent = Родитель возобновил обращение.
relay-notice-self-served = ✅ Родитель нашёл ответ в FAQ («{ $question }») и отметил «Помогло». Обращение закрыто.
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

# Кнопки карточки и предупреждения об этикете.
relay-button-take = Взять
relay-button-resolve = Решено
relay-button-hold = Пауза
relay-button-reopen = Открыть снова
relay-button-reveal = 👁 Показать данные
relay-button-send-anyway = Отправить как есть
relay-button-edit = Исправлю

# Сообщения родителя в теме обращения.
relay-parent-says = 👤 { $name }:
relay-parent-unnamed = Родитель
relay-parent-faq-answered = 🤖 Ответ из FAQ уже отправлен: «{ $title }». Отвечать не нужно, если родитель не попросит.
relay-parent-edited = ✏️ Родитель изменил сообщение:
    { $text }
relay-file-not-relayed =
    { $size ->
        [0] 📎 Файл не переслан: получить его не удалось. Попросите родителя прислать его ещё раз.
       *[other] 📎 Файл не переслан ({ $size } МБ): боты Telegram не скачивают файлы больше 20 МБ. Попросите родителя прислать его иначе.
    }

# Отметки в теме: кто что сделал.
relay-notice-held = ⏸ На паузе ({ $name }): родитель предупреждён, срок ответа идёт. Следующий ответ начнётся со «Спасибо за ожидание».
relay-notice-deadline-moved = 🕒 Срок ответа перенесён на { $due } ({ $name }): { $reason }. Родитель предупреждён.
relay-notice-resolved = ✅ Решено ({ $name }). Родитель уведомлён.
relay-notice-reopened = ↩️ Обращение снова открыто ({ $name }).
relay-notice-not-open = Ответ не отправлен: обращение { $status }. Чтобы ответить, откройте его снова: /reopen
relay-notice-faq-saved = 📚 Черновик FAQ сохранён ({ $slug }): вопрос родителя и последний ответ. Его проверит руководитель.
relay-line-moved-away = ➡️ Обращение передано на линию «{ $to }» ({ $name }). Тема закрыта, работа продолжается в группе линии.
relay-line-moved-here = 🔀 Линия изменена: «{ $from }» → «{ $to }» ({ $name }).
relay-line-history-header = 📜 История обращения №{ $number } (передано с линии «{ $from }»):
relay-line-history-parent = 👤 Родитель
relay-line-history-agent = 💬 { $name }
relay-line-history-note = 📝 Заметка { $name }
relay-line-history-bot = 🤖 Бот
relay-line-history-files = 📎 файлы: { $count }
relay-line-history-empty = (без текста)
relay-notice-faq-nothing = Черновик FAQ не сохранён: нужен вопрос родителя и хотя бы один ответ поддержки.
relay-refused =
    { $code ->
        [REOPEN_WINDOW_PASSED] Нельзя открыть снова: срок повторного открытия прошёл. Родитель может написать заново.
        [NOT_SUPERVISOR] Переносить срок может только руководитель.
        [NO_RUNNING_DEADLINE] Срок не идёт: обращение { $status }.
        [DEADLINE_USAGE] Укажите время и причину: /deadline +2ч причина, /deadline 18:00 причина или /deadline 03.12 18:00 причина.
        [DEADLINE_IN_PAST] Это время уже прошло. Укажите время в будущем.
        [LINE_USAGE] Укажите линию: /line site (Навигатор), /line booking (Бронирование) или /line other (Другое).
        [LINE_SAME] Обращение уже на этой линии.
        [LINE_HAS_OPEN_TICKET] У родителя уже есть открытое обращение на этой линии. Ответьте в нём или решите одно из них.
       *[other] Сейчас это недоступно: обращение { $status }.
    }

# Этикет: ответ задержан.
relay-etiquette-held = ⚠️ Ответ не отправлен родителю:
relay-etiquette-what-now = Исправьте и отправьте заново или нажмите «Отправить как есть».
relay-etiquette-spelling = Проверьте написание (это подсказка, отправку она не задерживает): { $words }.
relay-etiquette-finding = «{ $match }» ({ $kind })

# Короткие ответы на нажатия кнопок.
relay-toast-taken = Обращение №{ $number } за вами
relay-toast-resolved = Решено, родитель уведомлён
relay-toast-held = Пауза: родитель предупреждён
relay-toast-reopened = Обращение снова открыто
relay-toast-not-staff = Действия с обращениями доступны сотрудникам, которые могут писать в этой группе
relay-pii-none = Здесь нет скрытых данных
relay-pii-sent-privately = Данные отправлены вам в личные сообщения
relay-pii-private-header = Данные из сообщения родителя (видны только вам):
relay-pii-kind-phone = Телефон
relay-pii-kind-email = Почта
relay-pii-kind-snils = СНИЛС
relay-pii-kind-passport = Паспорт
relay-pii-kind-card = Карта
relay-pii-kind-birth_certificate = Свидетельство о рождении
relay-toast-sent = Отправлено родителю
relay-toast-draft-discarded = Не отправлено. Напишите исправленный ответ
relay-toast-draft-settled = Этот ответ уже обработан
relay-toast-draft-not-yours = Отправить как есть может автор ответа или руководитель
relay-toast-not-open = Обращение закрыто: ответ не отправлен
relay-toast-refused =
    { $code ->
        [REOPEN_WINDOW_PASSED] Срок повторного открытия прошёл
       *[other] Сейчас это недоступно
    }

# Общая тема.
relay-hint-in-topic = Эта команда работает в теме обращения.
relay-help =
    Ответ в теме обращения уходит родителю. «!текст» или /note — заметка для коллег, родитель её не увидит.
    /take — взять обращение
    /resolve [комментарий] — решено, родитель уведомлён
    /hold — пауза («Оставайтесь на связи…»), срок ответа идёт
    /deadline +2ч причина — перенести срок (руководители)
    /reopen — открыть снова
    /faq — сохранить ответ как черновик FAQ
    /info — история обращения
    /tickets — открытые обращения
    /line booking — передать на линию (site, booking, other)
relay-role-set =
    { $role ->
        [supervisor] { $name } теперь руководитель: получает эскалации по срокам.
        [admin] { $name } теперь администратор: получает эскалации по срокам.
       *[other] { $name } теперь сотрудник поддержки.
    }
relay-role-usage = Ответьте на сообщение коллеги: /role supervisor (или agent). Можно указать id: /role 123456789 supervisor
relay-role-admins-only = Роли меняют администраторы группы.
relay-notice-reply-text = Ответ родителю от { $name }:
    { $text }
relay-notice-spelling = ✏️ Ответ отправлен. Похоже на опечатки: { $words }. Если нужно, уточните следующим сообщением.
relay-console-link = Ссылка для входа в консоль (действует 10 минут, только один раз): { $url }
relay-console-start-bot = Чтобы получить ссылку для входа в консоль, откройте личный чат с ботом, нажмите «Запустить» и снова напишите /console здесь.
relay-macro-unknown = Шаблона «{ $name }» нет. Есть: { $names }. Шаблоны правят в веб-консоли.
