import type { Message } from "grammy/types";
import {
  startFakeTelegram,
  type FakeTelegram,
  type FakeUser,
  type GroupHandle,
} from "../test/support/fake-telegram/index.js";

export const PARENTS_TOKEN = "7000001:demo-parents-bot";
export const RELAY_TOKEN = "7000002:demo-relay-bot";

/** The fake Telegram the demo plays in: both bots, a parent, an agent and the staff forum. */
export interface DemoWorld {
  fake: FakeTelegram;
  parent: FakeUser;
  agent: FakeUser;
  staff: GroupHandle;
  /** The newest ticket topic the relay bot posted in, if any. */
  latestTopic(): number | undefined;
  /** Prints every message either bot sent since the last call; returns them. */
  printNew(print: (line: string) => void): Message[];
  /** The parent presses the button labelled `label` under the bot's newest message with buttons. */
  click(label: string): void;
}

export async function startDemoWorld(port: number): Promise<DemoWorld> {
  const fake = await startFakeTelegram({
    port,
    bots: [
      { token: PARENTS_TOKEN, username: "navigator_demo_bot", first_name: "Навигатор · демо" },
      { token: RELAY_TOKEN, username: "navigator_demo_staff_bot", first_name: "Сотрудники · демо" },
    ],
  });
  const parent = fake.createUser({ first_name: "Мария", language_code: "ru" });
  const agent = fake.createUser({
    first_name: "Ирина",
    last_name: "Оператор",
    language_code: "ru",
  });
  const staff = fake.createGroup({
    title: "Поддержка Навигатора (демо)",
    isForum: true,
    members: [RELAY_TOKEN, { account: agent, status: "member" }],
  });
  let printedParent = 0;
  let printedStaff = 0;
  const toParent = () => fake.sentMessages({ token: PARENTS_TOKEN, chatId: parent.id });
  const toStaff = () => fake.sentMessages({ token: RELAY_TOKEN, chatId: staff.id });

  return {
    fake,
    parent,
    agent,
    staff,
    latestTopic: () => toStaff().findLast((m) => m.message_thread_id)?.message_thread_id,
    printNew(print) {
      const parentNew = toParent().slice(printedParent);
      const staffNew = toStaff().slice(printedStaff);
      printedParent += parentNew.length;
      printedStaff += staffNew.length;
      for (const m of parentNew) print(`parents' bot -> parent Мария:\n${render(m)}`);
      for (const m of staffNew) {
        const topic = m.message_thread_id && fake.topic(staff.id, m.message_thread_id)?.name;
        print(`relay bot -> staff group${topic ? `, topic "${topic}"` : ""}:\n${render(m)}`);
      }
      return [...parentNew, ...staffNew];
    },
    click(label) {
      const withButtons = toParent()
        .map((m) => fake.message(parent.id, m.message_id, PARENTS_TOKEN))
        .findLast((m) => buttons(m).length > 0);
      const button = buttons(withButtons).find((b) => b.text === label);
      if (!withButtons || !button) throw new Error(`no button "${label}" under the bot's messages`);
      parent.clickButton(withButtons, button.data);
    },
  };
}

function buttons(message: Message | undefined): Array<{ text: string; data: string }> {
  return (message?.reply_markup?.inline_keyboard ?? [])
    .flat()
    .flatMap((b) => ("callback_data" in b ? [{ text: b.text, data: b.callback_data }] : []));
}

function render(message: Message): string {
  const text = message.text ?? message.caption ?? "(media)";
  const labels = buttons(message).map((b) => `[${b.text}]`);
  return [text, ...(labels.length > 0 ? [labels.join(" ")] : [])].join("\n").replace(/^/gm, "    ");
}
