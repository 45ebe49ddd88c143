import { describe, expect, test } from "vitest";
import { blankRanges } from "../text/blank-ranges.js";
import { findLinks } from "../text/find-links.js";
import { findConfidential } from "./find-confidential.js";

function confidential(text: string, internalDomains: string[] = []) {
  const links = findLinks(text);
  return findConfidential(links, blankRanges(text, links), internalDomains).map((m) => [
    m.hint,
    m.text,
  ]);
}

describe("internal links", () => {
  test.each([
    ["operator's own domain", "Смотрите https://crm.uso66.ru/deal/1", ["uso66.ru"]],
    ["a subdomain of it, written without a scheme", "Это в helpdesk.uso66.ru/t/5", ["uso66.ru"]],
    ["localhost", "Откройте http://localhost:3000/tickets", []],
    ["10.x", "Отчёт: http://10.0.0.5/report", []],
    ["192.168.x without a scheme", "Файлы лежат на 192.168.1.20:8080/share", []],
    ["172.16-31.x", "Сервер 172.20.1.4 недоступен", []],
    ["*.local", "База знаний: wiki.uso.local/kb", []],
    ["*.corp", "Форма тут: https://forms.region.corp/a", []],
    ["a tracker by its name", "Задача: https://jira.region.ru/browse/NAV-1", []],
    ["a repository by its name", "Код: gitlab.region.ru/nav/bot", []],
    ["an admin panel of the public portal", "Админка: р66.навигатор.дети/admin/users", []],
    ["an admin subdomain", "Зайдите на admin.pfdo.ru", []],
    ["a hosted CRM", "Карточка: https://uso66.bitrix24.ru/crm/deal/5/", []],
    ["an e-mail at an internal host", "Пишите на ivanov@mail.uso.local", []],
  ])("%s", (_name, text, domains) => {
    expect(confidential(text, domains).map(([hint]) => hint)).toEqual([
      "etiquette-confidential-link",
    ]);
  });

  test("the operator may write the domain with a scheme, a dot or a wildcard", () => {
    for (const domain of ["https://uso66.ru/", ".uso66.ru", "*.uso66.ru", "USO66.RU."])
      expect(confidential("https://crm.uso66.ru/x", [domain])).toHaveLength(1);
  });

  test.each([
    "Запись: https://р66.навигатор.дети/program/23456-shakhmaty",
    "Портал навигатор.дети, раздел «Помощь».",
    "Госуслуги: https://www.gosuslugi.ru/help/faq",
    "Правила на pfdo.ru и на р66.pfdo.ru",
    "Наша почта: support@р66.навигатор.дети",
    "Сайт учреждения: cdt-ekb.ru/raspisanie",
    "Видео-инструкция: https://vk.com/video-123_456",
    "git.ru — сайт о другом",
    "Дата 12.09.2024, версия 1.2.3, т.е. всё верно; заявку.Далее",
  ])("public or no address: %s", (text) => {
    expect(confidential(text)).toEqual([]);
  });
});

describe("passwords", () => {
  test.each([
    ["Ваш пароль: Qwerty123", "пароль: Qwerty123"],
    ["Пароль от кабинета — Nav2024!", "Пароль от кабинета — Nav2024"],
    ["password=hunter22", "password=hunter22"],
    ["Логин/пароль: operator/Op3r4t0r", "Логин/пароль: operator/Op3r4t0r"],
    ["Доступ к серверу: root / P@ssw0rd", "Доступ к серверу: root / P@ssw0rd"],
    ["Временный пароль 482913, смените его", "пароль 482913"],
    ["PIN: 4821", "PIN: 4821"],
  ])("%s", (text, match) => {
    expect(confidential(text)).toEqual([["etiquette-confidential-password", match]]);
  });

  test("credentials in a link", () => {
    expect(confidential("postgres://nav:S3cret@db.internal:5432/nav")).toEqual([
      ["etiquette-confidential-password", "postgres://nav:S3cret@db.internal:5432/nav"],
    ]);
    expect(confidential("https://р66.навигатор.дети/login?password=abc12345")[0]?.[0]).toBe(
      "etiquette-confidential-password",
    );
  });

  test.each([
    "Пароль должен содержать не менее 8 символов.",
    "Пароль: придумайте сложный, из букв и цифр.",
    "Нажмите «Забыли пароль?» и следуйте инструкции.",
    "Пароль от Госуслуг вводится на их странице.",
    "Введите логин/пароль от Госуслуг.",
    "Пароль: ********",
    "Ваш логин — ivanova.m@mail.ru",
    "Пароль — от 8 символов, логин — ваша почта.",
  ])("talk about passwords passes: %s", (text) => {
    expect(confidential(text)).toEqual([]);
  });
});

describe("tokens and keys", () => {
  test.each([
    ["Telegram bot token", "6123456789:AAF3kdl9sKD83kdlsLLd93kdlsKDl3kdlsA"],
    ["Bearer", "Bearer abcDEF1234567890ghijKL"],
    ["OpenAI key", "sk-proj-8fJ2kdLw9QmZx7TnB3vR1yHc"],
    ["AWS key id", "AKIAIOSFODNN7EXAMPLE"],
    ["GitHub token", "ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"],
    ["JWT", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.abcdefghijk"],
    ["long hex", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"],
    ["long base64", "dGhpcyBpcyBhIHNlY3JldCBrZXk9MTIzNDU2Nzg"],
  ])("%s", (_name, token) => {
    expect(confidential(`Ключ: ${token} — не потеряйте`).map(([hint]) => hint)).toEqual([
      "etiquette-confidential-token",
    ]);
  });

  test("a token in a public link's query", () => {
    expect(confidential("https://р66.навигатор.дети/report?token=abc")).toEqual([
      ["etiquette-confidential-token", "https://р66.навигатор.дети/report?token=abc"],
    ]);
  });

  test.each([
    "СНИЛС 123-456-789 01, сертификат 5612345678, заявка № 2024-000123.",
    "Телефон +7 (912) 345-67-89, дата 12.09.2024, время 18:30.",
    "Номер заявления 3fa85f64-5717-4562-b3fc-2c963f66afa6 сохраните.",
    "Программа robototekhnika-dlya-nachinayushchikh-2024 на портале.",
    "Смотрите https://р66.навигатор.дети/program/8f3e2a1b9c7d6e5f4a3b2c1d0e9f8a7b",
  ])("the parent's own data and ordinary ids pass: %s", (text) => {
    expect(confidential(text)).toEqual([]);
  });
});
