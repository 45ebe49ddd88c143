import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Core } from "../../core/runtime/index.js";
import { parentRows } from "./parent-rows.js";
import { parentText } from "./parent-text.js";
import { startTwoPaths, type TwoPaths } from "./two-paths.js";

/**
 * After a new ticket asks for the parent's municipality, a typed name is the answer for a
 * while. Any other text in that time is an ordinary message: it stays on the hot path and
 * leaves what the general path leaves. A typed name still goes to the general path, which
 * sets it.
 */
let p: TwoPaths;
beforeAll(async () => {
  p = await startTwoPaths();
  await p.t.testDb.db.municipality.createMany({
    data: [
      { code: "ekb", name: "Екатеринбург", timeZone: "Asia/Yekaterinburg" },
      { code: "ntagil", name: "Нижний Тагил", timeZone: "Asia/Yekaterinburg" },
    ],
  });
});
afterAll(async () => p.close());

const OPENING = "Заявка 123456 висит на рассмотрении, что делать";
const FOLLOW_UP = "уже неделю ждём ответа от организации";

async function scenario(core: Core, userId: string) {
  const opened = await core.receiveMessage(parentText(userId, OPENING));
  const asked = await p.t.testDb.db.contact.findFirstOrThrow({
    where: { externalId: userId },
    select: { municipalityAskedAt: true },
  });
  const followUp = await p.counted(() => core.receiveMessage(parentText(userId, FOLLOW_UP)));
  const named = await p.counted(() => core.receiveMessage(parentText(userId, "г. Нижний Тагил")));
  const contact = await p.t.testDb.db.contact.findFirstOrThrow({
    where: { externalId: userId },
    select: { municipality: { select: { name: true } } },
  });
  return {
    asked: asked.municipalityAskedAt !== null,
    outcomes: [opened.outcome, followUp.result.outcome, named.result.outcome],
    // 2 statements is the hot path (the read and the write); the general path sends more.
    followUpOnHotPath: followUp.statements === 2,
    nameOnHotPath: named.statements === 2,
    municipality: contact.municipality?.name ?? null,
    rows: await parentRows(p.t.testDb.db, userId),
  };
}

describe("a text shortly after the municipality question", () => {
  test("that names no municipality stays on the hot path and acts as the general path does", async () => {
    const hot = await scenario(p.t.core, "8101");
    const general = await scenario(p.general, "8102");
    expect(hot.asked).toBe(true);
    expect(hot.outcomes).toEqual(["ticket_opened", "appended", "municipality_set"]);
    expect(hot.followUpOnHotPath).toBe(true);
    expect(general.followUpOnHotPath).toBe(false);
    // A typed name is the answer: the general path sets it, on either core.
    expect(hot.nameOnHotPath).toBe(false);
    expect(hot.municipality).toBe("Нижний Тагил");
    expect({ ...hot, followUpOnHotPath: null }).toEqual({ ...general, followUpOnHotPath: null });
  });
});
