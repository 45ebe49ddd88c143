import { waitFor } from "../test/support/fake-telegram/index.js";
import { PARENTS_TOKEN, type DemoWorld } from "./demo-world.js";

export const FAQ_QUESTION = "Забыла пароль от личного кабинета, как восстановить?";
export const SECOND_QUESTION = "Не приходит код подтверждения на почту, уже час жду";
export const AGENT_ANSWER =
  "Здравствуйте! Проверьте, пожалуйста, папку «Спам»: письмо с кодом иногда попадает туда. Если его нет, напишите нам — пришлём код ещё раз.";

/**
 * `npm run demo -- --script`: plays both people without a keyboard. The parent asks an FAQ
 * question, is answered by the bot and taps "Помогло"; asks a second one, taps "Нет, нужен
 * специалист", and the ticket gets its topic in the staff group; the agent answers in that
 * topic and the parent receives the answer. Returns the seconds since `startedAt` at which
 * the FAQ answer and the agent's answer reached the parent.
 */
export async function runScript(
  world: DemoWorld,
  startedAt: number,
  say: (line: string) => void,
): Promise<{ faqAnsweredAfter: number; agentAnsweredAfter: number }> {
  const seconds = () => Math.round((Date.now() - startedAt) / 100) / 10;
  const toParent = () => world.fake.sentMessages({ token: PARENTS_TOKEN, chatId: world.parent.id });
  const step = async <T>(what: string, probe: () => T | undefined) => {
    const found = await waitFor(probe, 60_000, what);
    world.printNew(say);
    return found;
  };
  const ask = async (text: string) => {
    const before = toParent().length;
    say(`parent: ${text}`);
    world.parent.sendText(PARENTS_TOKEN, text);
    await step(`the FAQ answer to "${text}"`, () =>
      toParent()
        .slice(before)
        .find((m) => m.reply_markup?.inline_keyboard.flat().length),
    );
  };
  const click = (label: string) => {
    say(`parent taps [${label}]`);
    world.click(label);
  };

  await ask(FAQ_QUESTION);
  const faqAnsweredAfter = seconds();
  say(`== the FAQ answered the parent ${faqAnsweredAfter} s after the demo started`);
  click("Помогло");

  await ask(SECOND_QUESTION);
  click("Нет, нужен специалист");
  const threadId = await step("the ticket's topic in the staff group", () => world.latestTopic());
  say(`agent (in the ticket's topic): ${AGENT_ANSWER}`);
  world.agent.sendText({ chatId: world.staff.id, threadId }, AGENT_ANSWER);
  await step("the agent's answer at the parent", () =>
    toParent().find((m) => m.text?.includes(AGENT_ANSWER)),
  );
  const agentAnsweredAfter = seconds();
  say(`== the agent's answer reached the parent ${agentAnsweredAfter} s after the demo started`);
  return { faqAnsweredAfter, agentAnsweredAfter };
}
