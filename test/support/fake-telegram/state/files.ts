import { createHash } from "node:crypto";

/** The kinds of file Telegram distinguishes (a file_id of one kind can't be sent as another). */
export type FileKind =
  | "photo"
  | "document"
  | "voice"
  | "video"
  | "audio"
  | "animation"
  | "sticker"
  | "video_note"
  | "thumbnail";

export interface FileRecord {
  fileId: string;
  fileUniqueId: string;
  kind: FileKind;
  filePath: string;
  data: Buffer;
  fileName?: string;
  mimeType?: string;
  /** Where it came from when a bot sent it "by URL" (the fake does not download it). */
  sourceUrl?: string;
  /**
   * Bots (by id) that received or sent this file. A file_id belongs to one bot on Telegram:
   * another bot gets "wrong file identifier" for it, and so it does here.
   */
  owners: Set<number>;
}

const DIRECTORIES: Record<FileKind, string> = {
  photo: "photos",
  document: "documents",
  voice: "voice",
  video: "videos",
  audio: "music",
  animation: "animations",
  sticker: "stickers",
  video_note: "video_notes",
  thumbnail: "thumbnails",
};

const EXTENSIONS: Record<FileKind, string> = {
  photo: "jpg",
  document: "dat",
  voice: "oga",
  video: "mp4",
  audio: "mp3",
  animation: "mp4",
  sticker: "webp",
  video_note: "mp4",
  thumbnail: "jpg",
};

/** Stored files: uploads, files users "sent", and placeholders for URL sends. */
export class FileStore {
  private readonly byId = new Map<string, FileRecord>();
  private readonly byPath = new Map<string, FileRecord>();
  private counter = 0;

  /** Stores content and gives it fresh ids, the way an upload does. */
  add(init: {
    kind: FileKind;
    data: Buffer;
    fileName?: string;
    mimeType?: string;
    sourceUrl?: string;
  }): FileRecord {
    const n = ++this.counter;
    const digest = createHash("sha1").update(`${n}:${init.kind}`).digest("base64url");
    const extension = init.fileName?.match(/\.([\w]+)$/)?.[1] ?? EXTENSIONS[init.kind];
    const record: FileRecord = {
      fileId: `${init.kind.toUpperCase()}_${digest.slice(0, 24)}_${n}`,
      fileUniqueId: `U${digest.slice(0, 12)}${n}`,
      kind: init.kind,
      filePath: `${DIRECTORIES[init.kind]}/file_${n}.${extension}`,
      data: init.data,
      owners: new Set(),
    };
    if (init.fileName !== undefined) record.fileName = init.fileName;
    if (init.mimeType !== undefined) record.mimeType = init.mimeType;
    if (init.sourceUrl !== undefined) record.sourceUrl = init.sourceUrl;
    this.byId.set(record.fileId, record);
    this.byPath.set(record.filePath, record);
    return record;
  }

  /** Lets bots use the files of a message they received or sent. */
  grant(fileIds: string[], botIds: Iterable<number>): void {
    for (const fileId of fileIds) {
      const record = this.byId.get(fileId);
      if (record) for (const botId of botIds) record.owners.add(botId);
    }
  }

  get(fileId: string): FileRecord | undefined {
    return this.byId.get(fileId);
  }

  byFilePath(filePath: string): FileRecord | undefined {
    return this.byPath.get(filePath);
  }
}
