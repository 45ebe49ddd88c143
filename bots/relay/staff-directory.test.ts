import type { ChatMember } from "telegraf/types";
import { describe, expect, test } from "vitest";
import { standingOf } from "./staff-directory.js";

const user = { id: 1, is_bot: false, first_name: "А" };
const restricted = (isMember: boolean, canSend: boolean) =>
  ({ status: "restricted", user, is_member: isMember, can_send_messages: canSend }) as ChatMember;

describe("who may act in the staff group", () => {
  test.each([
    ["creator", { status: "creator", user, is_anonymous: false }, "admin"],
    ["member", { status: "member", user }, "member"],
    ["restricted, may write", restricted(true, true), "member"],
    ["restricted, read-only", restricted(true, false), "outsider"],
    ["restricted, no longer a member", restricted(false, true), "outsider"],
    ["left", { status: "left", user }, "outsider"],
    ["banned", { status: "kicked", user, until_date: 0 }, "outsider"],
  ])("%s", (_name, member, standing) => {
    expect(standingOf(member as ChatMember)).toBe(standing);
  });
});
