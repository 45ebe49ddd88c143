import type { FaqEntryInput } from "./faq-types.js";

/** A small knowledge base for unit tests (the real ones live in locales/ and faq-bench). */
export const testEntries: FaqEntryInput[] = [
  {
    id: "password",
    category: "account",
    question: "Как восстановить пароль от личного кабинета?",
    answer: "Нажмите «Забыли пароль?».",
    phrasings: ["Забыла пароль", "Не помню пароль, как войти?", "Как сбросить пароль?"],
    keywords: ["пароль", "восстановить"],
  },
  {
    id: "certificate",
    category: "certificate",
    question: "Как получить сертификат дополнительного образования?",
    answer: "Добавьте ребёнка и нажмите «Получить сертификат».",
    phrasings: ["Как оформить сертификат на ребёнка?", "Где взять сертификат для кружков?"],
    keywords: ["получить сертификат", "оформить сертификат"],
  },
  {
    id: "apply",
    category: "applications",
    question: "Как записать ребёнка в кружок?",
    answer: "Откройте карточку программы и нажмите «Записаться».",
    phrasings: ["Как подать заявку на секцию?", "Как записаться на занятия онлайн?"],
    keywords: ["записаться", "подать заявку"],
  },
  {
    id: "booking",
    category: "booking",
    question: "Как забронировать место на мастер-класс?",
    answer: "Выберите мероприятие в системе бронирования.",
    phrasings: ["Как сделать бронь на экскурсию?", "Хочу забронировать мероприятие"],
    keywords: ["забронировать", "бронь"],
  },
  {
    id: "site-down",
    category: "technical",
    question: "Сайт Навигатора не открывается. Что делать?",
    answer: "Обновите страницу или откройте сайт в другом браузере.",
    phrasings: ["Навигатор не грузится", "Страница выдаёт ошибку"],
    keywords: ["не открывается", "ошибка"],
  },
];
