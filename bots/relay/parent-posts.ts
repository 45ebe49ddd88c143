import { Input } from "telegraf";
import type { InputMediaDocument, InputMediaPhoto, InputMediaVideo } from "telegraf/types";
import type { Message } from "../../core/db/index.js";
import type { FetchedFile } from "../../core/outbound/index.js";
import { staffView } from "../../core/privacy/index.js";
import { type Attachment, parseAttachments } from "../../core/tickets/index.js";
import { MAX_DOWNLOAD_BYTES, splitText } from "../bot-api/index.js";
import type { Budget } from "./budget.js";
import { type InlineKeyboard, revealKeyboard } from "./card-keyboard.js";
import type { RelayRuntime } from "./relay-runtime.js";
import type { Where } from "./ticket-place.js";

const MAX_CAPTION = 1024;
const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const ALBUM_MAX = 10;

/** One parent message's text and files as the topic shows them. */
interface Post {
  message: Message;
  /**
   * Shown as the caption of the message's first file, or as a text when it has none;
   * personal data masked (core/privacy `staffView`).
   */
  caption: string;
  files: Attachment[];
  /** "Show" under the post when something in it is masked. */
  reveal?: InlineKeyboard;
  /** Later messages of the parent whose texts this post carries too (a combined post). */
  also: number[];
}

/**
 * How many messages posting these parent messages takes: one per file (album items are
 * messages too), plus the text parts of a message whose text does not fit in a caption.
 */
export function parentPostUnits(posts: { caption: string; attachments: unknown }[]): number {
  return posts.reduce((sum, post) => {
    const files = parseAttachments(post.attachments).length;
    const caption = staffView(post.caption);
    const textParts = files > 0 && caption.length <= MAX_CAPTION ? 0 : textPartsOf(caption).length;
    return sum + files + textParts;
  }, 0);
}

function textPartsOf(text: string): string[] {
  return text.trim() === "" ? [] : splitText(text);
}

/**
 * Posts parents' messages under `where`: texts, and files downloaded through the parent's
 * channel and uploaded again (file ids belong to the bot that received them); an album
 * (or a VK message with several files) stays together as one media group. Files over
 * 20 MB cannot be downloaded by a bot: a note says so instead. Personal data is masked,
 * with "show" under the post (an album cannot carry buttons: the card's "show", when
 * there is one, covers the ticket's first messages). Returns, per message, the id of the first group message that shows it.
 */
export async function postParentMessages(
  rt: RelayRuntime,
  budget: Budget,
  channel: "telegram" | "vk",
  where: Where,
  messages: { message: Message; caption: string; also?: Message[] }[],
): Promise<{ messageId: number; relayMessageId: number }[]> {
  const posts: Post[] = messages.map((m) => {
    const caption = staffView(m.caption);
    return {
      message: m.message,
      caption,
      files: parseAttachments(m.message.attachments),
      also: (m.also ?? []).map((later) => later.id),
      ...(caption === m.caption ? {} : { reveal: revealKeyboard(rt.deps.i18n, m.message.id) }),
    };
  });
  const shown = new Map<number, number>();
  const show = (post: Post, relayMessageId: number) => {
    for (const id of [post.message.id, ...post.also])
      if (!shown.has(id)) shown.set(id, relayMessageId);
  };
  const withFiles: Post[] = [];
  for (const post of posts) {
    const fits = post.files.length > 0 && post.caption.length <= MAX_CAPTION;
    if (!fits) {
      const parts = textPartsOf(post.caption);
      for (const [i, part] of parts.entries()) {
        await budget.spend(1);
        const buttons = i === parts.length - 1 && post.reveal ? { reply_markup: post.reveal } : {};
        const sent = await rt.telegram.sendMessage(rt.chatId, part, { ...where, ...buttons });
        show(post, sent.message_id);
      }
      if (post.files.length > 0)
        withFiles.push({ ...post, caption: "", reveal: undefined, also: [] });
    } else {
      withFiles.push(post);
    }
  }
  const items = withFiles.flatMap((post) =>
    post.files.map((file, i) => ({ post, file, caption: i === 0 ? post.caption : "" })),
  );
  for (const group of albumGroups(items)) {
    const ids = await postFileGroup(rt, budget, channel, where, group);
    for (const item of group) show(item.post, ids.get(item) ?? 0);
  }
  return [...shown].map(([messageId, relayMessageId]) => ({ messageId, relayMessageId }));
}

interface FileItem {
  post: Post;
  file: Attachment;
  caption: string;
}

type AlbumKind = "visual" | "document" | "audio";

function albumKind(file: Attachment): AlbumKind | null {
  if (file.kind === "photo" || file.kind === "video") return "visual";
  if (file.kind === "document" || file.kind === "audio") return file.kind;
  return null;
}

/** Consecutive files that Telegram accepts in one media group, up to ten at a time. */
function albumGroups(items: FileItem[]): FileItem[][] {
  const groups: FileItem[][] = [];
  for (const item of items) {
    const last = groups.at(-1);
    const head = last?.[0];
    const kind = albumKind(item.file);
    const joins =
      head &&
      last.length < ALBUM_MAX &&
      kind !== null &&
      albumKind(head.file) === kind &&
      sameAlbum(head.post, item.post);
    if (joins) last.push(item);
    else groups.push([item]);
  }
  return groups;
}

function sameAlbum(a: Post, b: Post): boolean {
  if (a.message.id === b.message.id) return true;
  return a.message.mediaGroupId !== null && a.message.mediaGroupId === b.message.mediaGroupId;
}

/** Posts a group of files (one media group when two or more can be fetched). */
async function postFileGroup(
  rt: RelayRuntime,
  budget: Budget,
  channel: "telegram" | "vk",
  where: Where,
  group: FileItem[],
): Promise<Map<FileItem, number>> {
  const ids = new Map<FileItem, number>();
  const fetched: { item: FileItem; file: FetchedFile }[] = [];
  for (const item of group) {
    const file = await download(rt, channel, item.file);
    if (file) {
      fetched.push({ item, file });
      continue;
    }
    // A file a bot cannot fetch gets a note, so the agents know something was sent.
    await budget.spend(1);
    const sent = await rt.telegram.sendMessage(rt.chatId, fileNote(rt, item), {
      ...where,
      ...revealUnder(item),
    });
    ids.set(item, sent.message_id);
  }
  if (fetched.length >= 2) {
    await budget.spend(fetched.length);
    const sent = await rt.telegram.sendMediaGroup(rt.chatId, mediaGroup(fetched), where);
    fetched.forEach(({ item }, i) => ids.set(item, sent[i]?.message_id ?? 0));
    return ids;
  }
  for (const { item, file } of fetched) {
    await budget.spend(1);
    ids.set(item, await uploadOne(rt, where, item, file));
  }
  return ids;
}

/** The file from the parent's channel, or null when a bot cannot get it (over 20 MB). */
async function download(
  rt: RelayRuntime,
  channel: "telegram" | "vk",
  file: Attachment,
): Promise<FetchedFile | null> {
  const fetch = rt.fetchers[channel];
  if (!fetch || (file.fileSize ?? 0) > MAX_DOWNLOAD_BYTES) return null;
  try {
    return await fetch(file);
  } catch (error) {
    const text = error instanceof Error ? error.message.toLowerCase() : "";
    if (text.includes("20 mb") || text.includes("too big")) return null;
    throw error;
  }
}

/** "Show" goes under the file that carries the post's (masked) caption. */
function revealUnder(item: FileItem): { reply_markup?: InlineKeyboard } {
  return item.caption && item.post.reveal ? { reply_markup: item.post.reveal } : {};
}

function fileNote(rt: RelayRuntime, item: FileItem): string {
  const bytes = item.file.fileSize ?? 0;
  const size = bytes > MAX_DOWNLOAD_BYTES ? Math.ceil(bytes / (1024 * 1024)) : 0;
  const note = rt.deps.i18n.t("ru", "relay-file-not-relayed", { size });
  return item.caption ? `${item.caption}\n\n${note}` : note;
}

type AlbumItem = InputMediaPhoto | InputMediaVideo | InputMediaDocument;

function mediaGroup(fetched: { item: FileItem; file: FetchedFile }[]) {
  const media = fetched.map(({ item, file }): AlbumItem => {
    const input = Input.fromBuffer(file.data, item.file.fileName ?? file.fileName);
    const caption = item.caption ? { caption: item.caption } : {};
    if (item.file.kind === "photo" && file.data.length <= MAX_PHOTO_BYTES)
      return { type: "photo", media: input, ...caption };
    if (item.file.kind === "video") return { type: "video", media: input, ...caption };
    return { type: "document", media: input, ...caption };
  });
  // Photos too big for a photo become documents, which may not share an album with photos.
  const types = new Set(media.map((m) => (m.type === "document" ? "document" : "visual")));
  if (types.size > 1) return media.map((m): InputMediaDocument => ({ ...m, type: "document" }));
  return media as readonly InputMediaPhoto[] | readonly InputMediaDocument[];
}

async function uploadOne(
  rt: RelayRuntime,
  where: Where,
  item: FileItem,
  file: FetchedFile,
): Promise<number> {
  const input = Input.fromBuffer(file.data, item.file.fileName ?? file.fileName);
  const extra = {
    ...where,
    ...(item.caption ? { caption: item.caption } : {}),
    ...revealUnder(item),
  };
  const tg = rt.telegram;
  switch (item.file.kind) {
    case "photo":
      return file.data.length <= MAX_PHOTO_BYTES
        ? (await tg.sendPhoto(rt.chatId, input, extra)).message_id
        : (await tg.sendDocument(rt.chatId, input, extra)).message_id;
    case "voice":
      return (await tg.sendVoice(rt.chatId, input, extra)).message_id;
    case "video":
      return (await tg.sendVideo(rt.chatId, input, extra)).message_id;
    case "audio":
      return (await tg.sendAudio(rt.chatId, input, extra)).message_id;
    case "animation":
      return (await tg.sendAnimation(rt.chatId, input, extra)).message_id;
    case "video_note":
      return (await tg.sendVideoNote(rt.chatId, { source: file.data }, where)).message_id;
    default:
      return (await tg.sendDocument(rt.chatId, input, extra)).message_id;
  }
}
