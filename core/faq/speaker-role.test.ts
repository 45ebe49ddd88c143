import { describe, expect, it } from "vitest";
import { normalizeText } from "./normalize.js";
import { speaksAsOrganizer } from "./speaker-role.js";

const organizer = (text: string) => speaksAsOrganizer(normalizeText(text));

describe("speaksAsOrganizer", () => {
  it("hears an organisation speaking of itself", () => {
    expect(organizer("Мы частная студия танцев, как нам появиться у вас?")).toBe(true);
    expect(organizer("я тренер, ИП, хочу разместить свой клуб")).toBe(true);
    expect(organizer("как в кабинете организатора поправить описание")).toBe(true);
    expect(organizer("хотим, чтобы к нам ходили по сертификатам")).toBe(true);
    expect(organizer("родители пишут, что подали заявку, где её принять")).toBe(true);
  });

  it("does not take a parent for an organiser", () => {
    expect(organizer("Нашла кружок по рисованию, как записаться?")).toBe(false);
    expect(organizer("нашей секции нет в навигаторе")).toBe(false);
    expect(organizer("как написать руководителю студии")).toBe(false);
    expect(organizer("мы в школе узнали про сертификат")).toBe(false);
  });
});
