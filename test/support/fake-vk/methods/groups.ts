import { VkApiError, invalidParam } from "../api-error.js";
import { optionalInt } from "../params.js";
import type { VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

function communityToApi(world: FakeVkWorld): Record<string, unknown> {
  const { id, name, screenName } = world.state.community;
  return {
    id,
    name,
    screen_name: screenName,
    is_closed: 0,
    type: "group",
  };
}

/**
 * groups.getById in the 5.194+ shape `{groups: [...], profiles: []}`. Without an id it
 * describes the token's own community (vk-io's updates.start relies on that).
 */
export function groupsGetById(world: FakeVkWorld, params: VkParams): unknown {
  const asked = [params.group_id, params.group_ids]
    .filter((value): value is string => value !== undefined && value !== "")
    .flatMap((value) => value.split(","))
    .map((value) => value.trim());
  const own = world.state.community;
  const matches = (value: string): boolean =>
    value === String(own.id) || value === own.screenName || value === `club${own.id}`;
  if (asked.length > 0 && !asked.every(matches)) throw invalidParam("group_ids is invalid");
  return { groups: [communityToApi(world)], profiles: [] };
}

/** groups.getLongPollServer: `{server: "http://127.0.0.1:PORT/lp", key, ts}`. */
export function groupsGetLongPollServer(world: FakeVkWorld, params: VkParams): unknown {
  const groupId = optionalInt(params, "group_id");
  if (groupId === undefined) throw invalidParam("group_id is undefined");
  if (groupId !== world.settings.groupId) throw new VkApiError(15, "no access to this group");
  return world.longPoll.serverInfo(world.origin());
}
