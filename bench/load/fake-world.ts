import {
  startFakeTelegram,
  type ApiCall,
  type FakeTelegram,
} from "../../test/support/fake-telegram/index.js";

/** The parents' bot of the system under test. */
export const PARENTS_TOKEN = "7100001:navsup-bench-parents";
/** The parents' bot of the system's run at the production send cap (a backlog of its own). */
export const CAPPED_TOKEN = "7100004:navsup-bench-capped";
/** The system's staff relay bot. */
export const RELAY_TOKEN = "7100002:navsup-bench-relay";
/** The bare grammY echo bot the system is compared with. */
export const ECHO_TOKEN = "7100003:navsup-bench-echo";

/** The fake Bot API with the bench's bots and staff group, and a few counters kept live. */
export interface FakeWorld {
  fake: FakeTelegram;
  staffChatId: number;
  /** createForumTopic calls the relay bot made successfully. */
  topicsCreated(): number;
  close(): Promise<void>;
}

export async function startFakeWorld(): Promise<FakeWorld> {
  const fake = await startFakeTelegram({
    bots: [
      { token: PARENTS_TOKEN, username: "navigator_bench_bot" },
      { token: RELAY_TOKEN, username: "navigator_bench_relay_bot" },
      { token: ECHO_TOKEN, username: "navigator_bench_echo_bot" },
      { token: CAPPED_TOKEN, username: "navigator_bench_capped_bot" },
    ],
  });
  const agent = fake.createUser({ first_name: "Оператор", language_code: "ru" });
  const staff = fake.createGroup({
    title: "Поддержка (bench)",
    isForum: true,
    members: [RELAY_TOKEN, agent],
  });
  let topics = 0;
  fake.onCall((call: ApiCall) => {
    if (call.ok && call.token === RELAY_TOKEN && call.method === "createForumTopic") topics += 1;
  });
  return {
    fake,
    staffChatId: staff.id,
    topicsCreated: () => topics,
    close: () => fake.close(),
  };
}
