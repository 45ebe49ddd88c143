import type { FileKind } from "./file-store.js";
import { toSentMessage } from "./sent-messages.js";
import type { SentMessage } from "./types.js";
import { waitFor } from "./wait-for.js";
import type { FakeVkWorld } from "./world.js";

/** A file VK hosts, as a test sees it. */
export interface FakeVkFile {
  kind: FileKind;
  ownerId: number;
  id: number;
  /** What messages.send takes: "photo-220000001_456239001_<access key>". */
  attachment: string;
  /** Download URL on the fake. */
  url: string;
  bytes: Buffer;
  filename: string;
  title: string;
  contentType: string;
}

/** Messages the community sent, oldest first; only to `peerId` when given. */
export function sentMessages(world: FakeVkWorld, peerId?: number): SentMessage[] {
  return world.state.messages
    .filter((message) => message.out === 1)
    .filter((message) => peerId === undefined || message.peerId === peerId)
    .map(toSentMessage);
}

/** Files the fake hosts, uploaded by the community (ownerId < 0) or sent by users. */
export function hostedFiles(world: FakeVkWorld): FakeVkFile[] {
  return world.files.all().map((file) => ({
    kind: file.kind,
    ownerId: file.ownerId,
    id: file.id,
    attachment: `${file.kind === "photo" ? "photo" : "doc"}${file.ownerId}_${file.id}_${file.accessKey}`,
    url: file.url,
    bytes: file.bytes,
    filename: file.filename,
    title: file.title,
    contentType: file.contentType,
  }));
}

/**
 * Resolves with the first message the community sent to `peerId` that matches
 * `predicate` (any message when omitted), waiting up to `timeoutMs` (default 10 s: a loaded 2-core machine can take seconds to answer).
 */
export function waitForSentMessage(
  world: FakeVkWorld,
  peerId: number,
  predicate: (message: SentMessage) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<SentMessage> {
  return waitFor(() => sentMessages(world, peerId).find(predicate), {
    timeoutMs,
    message: `a community message to ${peerId} matching the predicate`,
  });
}
