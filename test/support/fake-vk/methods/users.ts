import type { VkParams } from "../types.js";
import type { FakeVkWorld } from "../world.js";

/** "123" or "id123" as VK accepts in user_ids. */
function userIdOf(raw: string): number | undefined {
  const match = /^(?:id)?(\d+)$/.exec(raw.trim());
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** users.get: known users only; a community token without user_ids gets []. */
export function usersGet(world: FakeVkWorld, params: VkParams): unknown {
  const ids = (params.user_ids ?? params.user_id ?? "")
    .split(",")
    .map(userIdOf)
    .filter((id): id is number => id !== undefined);
  return ids.flatMap((id) => {
    const user = world.state.users.get(id);
    if (user === undefined) return [];
    return [
      {
        id: user.id,
        first_name: user.firstName,
        last_name: user.lastName,
        can_access_closed: true,
        is_closed: false,
      },
    ];
  });
}
