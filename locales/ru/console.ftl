## Web console for staff (/console/)

console-title = Консоль поддержки Навигатора
console-nav-queue = Очередь
console-nav-search = Поиск
console-nav-kb = База знаний
console-nav-macros = Шаблоны ответов
console-nav-dashboard = Показатели
console-nav-municipalities = Муниципалитеты
console-role-agent = сотрудник
console-role-supervisor = руководитель
console-role-admin = администратор
console-sign-out = Выйти
console-lang-en = English
console-lang-ru = Русский

console-sign-in-title = Вход в консоль
console-sign-in-how = Чтобы войти, напишите /console в группе поддержки: бот пришлёт личную ссылку для входа. Она действует 10 минут и только один раз.
console-sign-in-button = Войти в консоль
console-sign-in-refused = Эта ссылка уже использована или её срок истёк. Запросите новую командой /console.

console-not-found = Не найдено
console-not-found-text = Такой страницы нет. Возможно, номер набран с ошибкой.
console-bad-input = Проверьте данные
console-bad-input-text = Некоторые поля заполнены не так, как ожидалось:
console-forbidden = Нет доступа
console-forbidden-text = Эта страница доступна руководителям. Если она вам нужна, обратитесь к администратору группы поддержки.
console-too-many = Слишком много запросов
console-too-many-text = Подождите минуту и попробуйте снова.
console-failed = Что-то пошло не так
console-failed-text = Запрос не выполнен. Попробуйте ещё раз; если ошибка повторится, сообщите администратору.

console-queue-title = Очередь обращений
console-queue-total = { $count ->
    [one] { $count } обращение
    [few] { $count } обращения
   *[many] { $count } обращений
}
console-queue-total-more = больше { $count } обращений
console-no-tickets = Обращений нет.
console-any = любой
console-status-open = открытые
console-assignee-me = мои
console-assignee-none = без ответственного
console-sla-overdue = просрочено
console-sla-1h = меньше часа
console-sla-4h = меньше 4 часов
console-sla-24h = меньше суток
console-filter-button = Показать
console-page-first = в начало
console-page-next = дальше
console-col-parent = Родитель
console-col-subject = Тема
console-col-status = Статус
console-col-category = Очередь
console-col-municipality = Муниципалитет
console-col-assignee = Ответственный
console-col-due = Срок ответа
console-col-created = Создано
console-due-left = осталось { $time }
console-due-late = просрочено на { $time }

console-search-title = Поиск обращений
console-search-placeholder = номер, имя родителя, телефон или слова из переписки
console-search-button = Найти
console-search-hint = Введите номер обращения (например, 123), имя или @имя родителя, телефон или слова из переписки.
console-search-kind-number = Поиск по номеру обращения.
console-search-kind-phone = Поиск по номеру телефона в переписке.
console-search-kind-words = Поиск по словам в переписке и по именам родителей.
console-search-limited = Показаны { $count } самых новых обращений. Чтобы найти более ранние, уточните запрос.

console-parent-title = Родитель: { $name }
console-parent-same-name = Возможно, тот же родитель: { $channel }

console-ticket-title = Обращение №{ $number }
console-conversation = Переписка
console-masked-note = Телефоны, почта и номера документов скрыты.
console-reveal = Показать данные
console-direction-in = Родитель
console-direction-bot = Бот
console-direction-agent = Поддержка
console-direction-note = Заметка
console-action-take = Взять
console-action-hold = Пауза
console-action-resolve = Решено
console-action-reopen = Открыть снова
console-action-deadline = Перенести срок
console-deadline-title = Перенести срок ответа
console-deadline-new = Новый срок ({ $zone })
console-deadline-reason = Причина (видна в журнале и в теме)
console-reply-title = Ответ родителю
console-reply-send = Отправить
console-reply-flagged = Ответ не отправлен: проверьте формулировку.
console-reply-force = Отправить как есть
console-reply-spelling-held = Проверьте написание (это подсказка, отправку она не задерживает): { $words }.
console-reply-spelling-sent = ✏️ Похоже на опечатки: { $words }. Это только подсказка; если нужно, уточните следующим сообщением.
console-macro-insert = Вставить шаблон
console-notice-sent = Ответ отправлен родителю.
console-notice-done = Готово.
console-notice-refused = Сейчас это действие недоступно для этого обращения.
console-notice-duplicate = Эта форма уже была отправлена.
console-notice-deadline-moved = Срок перенесён, родителю сообщили новое время.
console-notice-deadline-usage = Укажите новый срок и причину переноса.
console-notice-deadline-past = Новый срок уже прошёл. Выберите время позже текущего.
console-notice-deadline-none = Сейчас обращение не ждёт ответа: срок переносить не нужно.

console-dashboard-title = Показатели поддержки
console-dashboard-period = За последние 30 дней (соблюдение срока — за 12 недель), даты по UTC.
console-chart-table = Данные
console-chart-tickets-per-day = Обращения по дням: каналы и очереди
console-chart-first-response = Время первого ответа относительно срока
console-chart-sla-by-week = Соблюдение срока первого ответа по неделям, %
console-chart-faq-self-service = Доля вопросов, решённых базой знаний, %
console-chart-faq-top-entries = Самые востребованные ответы базы знаний
console-chart-csat = Оценки родителей
console-chart-open-by-age = Открытые обращения по возрасту
console-series-telegram = Telegram
console-series-vk = ВКонтакте
console-series-site = Навигатор
console-series-booking = Бронирование
console-series-other = Другое
console-series-met = в срок
console-series-missed = с опозданием
console-series-percent = %
console-series-count = количество

console-kb-title = База знаний
console-kb-drafts = Черновики на проверку
console-kb-no-drafts = Черновиков нет.
console-kb-publish = Опубликовать
console-kb-reject = Отклонить
console-kb-edit = Изменить
console-kb-edit-title = Запись базы знаний «{ $slug }»
console-kb-entries = Опубликованные ответы
console-kb-question = Вопрос
console-kb-answer = Ответ
console-kb-phrasings = Другие формулировки (по одной в строке)
console-kb-hits = Показов
console-kb-helpful = Помогло / нет
console-kb-unanswered = Вопросы без ответа (30 дней)
console-kb-no-unanswered = Вопросов без ответа нет.
console-kb-count = Сколько раз
console-kb-example = Примеры
console-kb-notice-published = Ответ опубликован: родители увидят его в течение минуты.
console-kb-notice-rejected = Черновик отклонён.
console-kb-notice-saved = Изменения сохранены.

console-macros-title = Шаблоны ответов
console-macros-help = Шаблон вставляется в ответ в консоли или командой /m имя в теме обращения. Подстановки: {"{"}parent{"}"} — имя родителя, {"{"}number{"}"} — номер обращения.
console-macro-name = Имя (одно слово)
console-macro-text = Текст
console-macro-new = Новый шаблон
console-municipalities-title = Муниципалитеты
console-phone = Телефон
console-time-zone = Часовой пояс
console-save = Сохранить
console-delete = Удалить
