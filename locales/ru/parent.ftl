# Тексты для родителей (Telegram и VK). Обычный текст без разметки: коротко, вежливо,
# без обращения по полу и возрасту, без упрёков.

welcome =
    Здравствуйте! Это поддержка Навигатора дополнительного образования.
    На частые вопросы отвечаю сразу, остальные передаю специалистам — они отвечают в течение { $within }.
    Напишите вопрос или выберите раздел ниже.
menu-faq = Частые вопросы
menu-write = Написать в поддержку
menu-tickets = Мои обращения
write-prompt = Опишите, пожалуйста, вопрос одним сообщением: что вы делали и что пошло не так. Можно приложить скриншот.
unsupported-content = Я принимаю текст, фото, документы, голосовые сообщения и видео. Напишите, пожалуйста, вопрос словами или пришлите скриншот.
action-stale = Эта кнопка уже неактуальна.

faq-answer =
    { $answer }

    Помог ли ответ?
faq-helped = Помогло
faq-need-human = Нет, нужен специалист
faq-feedback-thanks = Спасибо! Рады, что ответ помог. Если появятся вопросы, пишите.
faq-offers = Возможно, ответ уже есть:
faq-offer-need-human = Нужен специалист
faq-offer-solved = Рады, что ответ помог! Обращение №{ $number } закрыто. Если появятся вопросы, просто напишите сюда.
faq-offer-kept-open = Хорошо, обращение №{ $number } остаётся открытым: специалист ответит в этот чат.
faq-topics = Выберите тему:
faq-empty = Раздел частых вопросов пока пуст. Напишите вопрос, и мы ответим.
faq-topic-questions = { $topic }: выберите вопрос.
faq-topic-account = Личный кабинет
faq-topic-children = Дети в профиле
faq-topic-certificate = Сертификат
faq-topic-applications = Заявки
faq-topic-catalog = Каталог программ
faq-topic-organizers = Организаторам
faq-topic-booking = Система бронирования
faq-topic-technical = Технические вопросы
faq-topic-contacts = Контакты

ticket-opened =
    Обращение №{ $number } принято. Ответим до { $due }.
    Ответ специалиста придёт в этот чат. Чтобы что-то добавить, просто напишите сюда.
ticket-opened-after-hours =
    Обращение №{ $number } принято. Сейчас нерабочее время: специалисты приступят к работе в { $back } и ответят до { $due }.
    Ответ придёт в этот чат. Чтобы что-то добавить, просто напишите сюда.
# «в течение …»: родительный падеж; рабочее время — при производственном календаре.
response-within =
    { $unit ->
        [minutes]
            { $working ->
                [yes]
                    { $count ->
                        [one] { $count } рабочей минуты
                       *[other] { $count } рабочих минут
                    }
               *[no]
                    { $count ->
                        [one] { $count } минуты
                       *[other] { $count } минут
                    }
            }
       *[hours]
            { $working ->
                [yes]
                    { $count ->
                        [one] { $count } рабочего часа
                       *[other] { $count } рабочих часов
                    }
               *[no]
                    { $count ->
                        [one] { $count } часа
                       *[other] { $count } часов
                    }
            }
    }
ticket-choose-category = Уточните, пожалуйста, тему — так обращение быстрее попадёт к нужному специалисту:
category-site = Навигатор (сайт)
category-booking = Система бронирования
category-other = Другое
category-set = Тема обращения №{ $number }: { $category }.
category-already-open = По этой теме уже есть открытое обращение, специалист ответит в нём.
followup-ack = Добавили к обращению №{ $number }.

small-talk-greeting = Здравствуйте! Напишите, пожалуйста, ваш вопрос — постараюсь помочь.
small-talk-thanks = Пожалуйста! Если появятся вопросы, пишите.
small-talk-unclear = Не удалось разобрать сообщение. Напишите, пожалуйста, вопрос словами или нажмите «Написать в поддержку».

municipality-ask = Укажите, пожалуйста, ваш муниципалитет — так обращение быстрее попадёт к нужным специалистам. Выберите из списка или напишите название.
municipality-more = Ещё
municipality-skip = Пропустить
municipality-set = Спасибо! Муниципалитет: { $name }.
municipality-phone = Телефон поддержки вашего муниципалитета: { $phone }.
municipality-skipped = Хорошо. Если понадобится, муниципалитет можно будет указать позже.

my-tickets-none = Обращений пока нет. Напишите вопрос, и мы поможем.
my-tickets-header =
    { $count ->
        [0] Открытых обращений нет. Последние обращения:
        [one] У вас { $count } открытое обращение:
        [few] У вас { $count } открытых обращения:
       *[many] У вас { $count } открытых обращений:
    }
my-ticket-line = №{ $number } · { $category } · { $status }
my-ticket-line-due = №{ $number } · { $category } · { $status } · ответим до { $due }
ticket-status-new = принято
ticket-status-waiting_agent = в работе
ticket-status-waiting_parent = ждём вашего ответа
ticket-status-on_hold = уточняем информацию
ticket-status-resolved = решено
ticket-status-closed = закрыто
reopen-button = Возобновить №{ $number }
ticket-reopened = Обращение №{ $number } снова в работе. Ответим до { $due }.
reopen-too-late = Обращение №{ $number } уже закрыто. Напишите вопрос заново — мы откроем новое обращение.
reopen-already-open = Обращение №{ $number } и так в работе.
rating-thanks = Спасибо за оценку!

hold-parent = Оставайтесь на связи, я уточняю информацию.
hold-thanks = Спасибо за ожидание.
line-moved-parent = Обращение №{ $number } передали специалистам, которые занимаются этим вопросом. Ответим до { $due }.
deadline-moved-parent = По обращению №{ $number } нам нужно немного больше времени, чтобы всё проверить. Ответим до { $due }. Спасибо за понимание.
agent-signature = — { $name }, служба поддержки
resolved-parent = Обращение №{ $number } решено.
resolved-reopen-hint = Если вопрос остался, просто напишите сюда — обращение снова откроется.
resolved-rate = Оцените, пожалуйста, помощь:
