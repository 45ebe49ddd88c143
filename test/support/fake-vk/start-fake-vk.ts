import { Agent } from "node:http";
import type { Agent as HttpsAgent } from "node:https";
import { ApiRecorder } from "./api-recorder.js";
import { BotsLongPoll } from "./bots-long-poll.js";
import { CallbackSender } from "./callback-sender.js";
import { envelope } from "./event-factory.js";
import { EventDelivery } from "./event-delivery.js";
import { createFakeVkUser, type FakeVkUser } from "./fake-vk-user.js";
import type { FakeVk } from "./fake-vk.js";
import { FaultPlan } from "./faults.js";
import { FileStore } from "./file-store.js";
import { hostedFiles, sentMessages, waitForSentMessage } from "./inspection.js";
import { withDefaults, type FakeVkOptions } from "./options.js";
import { startHttpServer } from "./server.js";
import { Sleeper } from "./sleeper.js";
import { FakeVkState } from "./state.js";
import { waitFor } from "./wait-for.js";
import type { FakeVkWorld } from "./world.js";

/** The parts one fake is made of, shared by the helper sections below. */
interface Parts {
  world: FakeVkWorld;
  delivery: EventDelivery;
  callback: CallbackSender;
}

/**
 * A keep-alive node:http Agent for vk-io. vk-io declares its `agent` option as
 * https.Agent, yet node-fetch needs an http.Agent for http:// URLs ("Protocol "http:"
 * not supported" otherwise). At run time http.Agent has everything https.Agent adds
 * (`options`), so the cast only bridges vk-io's declaration.
 */
export function createVkIoHttpAgent(): HttpsAgent {
  return new Agent({ keepAlive: true }) as unknown as HttpsAgent;
}

/** `origin` is read lazily: the port is known only once the server listens. */
function createWorld(options: FakeVkOptions | undefined, origin: () => string): FakeVkWorld {
  const settings = withDefaults(options);
  const faults = new FaultPlan();
  const community = {
    id: settings.groupId,
    name: settings.groupName,
    screenName: `club${settings.groupId}`,
  };
  return {
    settings,
    state: new FakeVkState(community),
    files: new FileStore(origin),
    faults,
    recorder: new ApiRecorder(),
    longPoll: new BotsLongPoll(faults, settings.maxLongPollWaitMs),
    origin,
    now: () => Math.floor(settings.clock().getTime() / 1000),
  };
}

function userHelpers({ world, delivery }: Parts): Pick<FakeVk, "addUser" | "user"> {
  const users = new Map<number, FakeVkUser>();
  return {
    addUser: ({ id, firstName, lastName }) => {
      const record = { id, firstName, lastName, denial: undefined };
      world.state.users.set(id, record);
      const user = createFakeVkUser(world, delivery, record);
      users.set(id, user);
      return user;
    },
    user: (id) => {
      const user = users.get(id);
      if (user === undefined) throw new Error(`fake-vk: no user ${id}; call addUser first`);
      return user;
    },
  };
}

type DeliveryHelpers = Pick<
  FakeVk,
  | "useCallbackApi"
  | "useLongPoll"
  | "sendConfirmation"
  | "redeliver"
  | "emitEvent"
  | "events"
  | "callbackAttempts"
>;

function deliveryHelpers({ world, delivery, callback }: Parts): DeliveryHelpers {
  const { groupId, apiVersion } = world.settings;
  return {
    useCallbackApi: (config) => callback.configure(config),
    useLongPoll: () => callback.configure(undefined),
    sendConfirmation: () => callback.confirm(groupId),
    redeliver: (eventId) => delivery.redeliver(eventId),
    emitEvent: (type, object) => delivery.deliver(envelope(type, object, groupId, apiVersion)),
    events: delivery.events,
    callbackAttempts: callback.attempts,
  };
}

type InspectionHelpers = Pick<
  FakeVk,
  | "calls"
  | "callsTo"
  | "sentMessages"
  | "messageEventAnswers"
  | "files"
  | "waitFor"
  | "waitForSentMessage"
>;

function inspectionHelpers({ world }: Parts): InspectionHelpers {
  return {
    calls: world.recorder.calls,
    callsTo: (method) => world.recorder.callsTo(method),
    sentMessages: (peerId) => sentMessages(world, peerId),
    messageEventAnswers: () => [...world.state.messageEventAnswers],
    files: () => hostedFiles(world),
    waitFor,
    waitForSentMessage: (peerId, predicate, timeoutMs) =>
      waitForSentMessage(world, peerId, predicate, timeoutMs),
  };
}

type FaultHelpers = Pick<
  FakeVk,
  "failNext" | "failRandomly" | "delayNext" | "failNextPoll" | "clearFaults"
>;

function faultHelpers({ world: { faults } }: Parts): FaultHelpers {
  return {
    failNext: (method, code, count = 1) => faults.failNext(method, count, code),
    failRandomly: ({ rate, seed, codes = [6, 9, 10], methods }) =>
      faults.failRandomly({ rate, seed, codes, methods }),
    delayNext: (method, ms, { count = 1, executeFirst = true } = {}) =>
      faults.delayNext(method, count, ms, executeFirst),
    failNextPoll: (failure) => faults.failNextPoll(failure),
    clearFaults: () => faults.clear(),
  };
}

/**
 * Starts a fake VK API on 127.0.0.1 (free port): API methods under /method, Bots Long
 * Poll under /lp, upload URLs and file downloads. See FakeVk for the test helpers.
 */
export async function startFakeVk(options?: FakeVkOptions): Promise<FakeVk> {
  let origin = "";
  const world = createWorld(options, () => origin);
  const sleeper = new Sleeper();
  const callback = new CallbackSender(world.settings.callbackTimeoutMs);
  const parts: Parts = { world, delivery: new EventDelivery(world.longPoll, callback), callback };
  const server = await startHttpServer(world, sleeper, () => {
    world.longPoll.close();
    sleeper.wakeAll();
  });
  origin = server.origin;
  const { groupId, token, apiVersion } = world.settings;
  const apiBaseUrl = `${origin}/method`;
  let agent: HttpsAgent | undefined;
  return {
    apiBaseUrl,
    origin,
    groupId,
    token,
    apiVersion,
    vkOptions: () => {
      agent ??= createVkIoHttpAgent();
      return { token, apiBaseUrl, agent, apiLimit: 20, apiRetryLimit: 0, pollingGroupId: groupId };
    },
    close: async () => {
      await server.close();
      agent?.destroy();
    },
    ...userHelpers(parts),
    ...deliveryHelpers(parts),
    ...inspectionHelpers(parts),
    ...faultHelpers(parts),
  };
}
