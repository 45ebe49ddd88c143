import { createHash, randomBytes } from "node:crypto";

/** What a hosted file is; voice messages are docs of their own type in VK. */
export type FileKind = "photo" | "doc" | "audio_message";

/** A file VK hosts: uploaded by the community or sent by a user. */
export interface StoredFile {
  kind: FileKind;
  id: number;
  ownerId: number;
  accessKey: string;
  bytes: Buffer;
  contentType: string;
  filename: string;
  title: string;
  /** Download URL served by the fake (GET returns the bytes). */
  url: string;
  date: number;
  /** Photos: pixel size reported in `sizes`. */
  width?: number;
  height?: number;
  /** Voice messages: length in seconds. */
  duration?: number;
}

/** Bytes posted to an upload URL, waiting for photos.saveMessagesPhoto or docs.save. */
export interface PendingUpload {
  token: string;
  kind: FileKind;
  bytes: Buffer;
  filename: string;
  contentType: string;
}

/** Upload URLs handed out by *.getMessagesUploadServer, keyed by the id in the URL. */
interface UploadServer {
  kind: FileKind;
  peerId: number | undefined;
}

/** Files, upload servers and pending uploads; ids count per kind like VK media ids. */
export class FileStore {
  private readonly files: StoredFile[] = [];
  private readonly servers = new Map<string, UploadServer>();
  private readonly pending = new Map<string, PendingUpload>();
  private readonly lastIds: Record<FileKind, number> = { photo: 0, doc: 0, audio_message: 0 };

  constructor(private readonly origin: () => string) {}

  /** Registers an upload server and returns its upload URL. */
  openUploadServer(kind: FileKind, peerId: number | undefined): string {
    const id = randomBytes(6).toString("hex");
    this.servers.set(id, { kind, peerId });
    return `${this.origin()}/upload/${kind}/${id}`;
  }

  uploadServer(id: string): UploadServer | undefined {
    return this.servers.get(id);
  }

  /** Keeps uploaded bytes until the save method claims them by token. */
  addPending(upload: Omit<PendingUpload, "token">): PendingUpload {
    const token = randomBytes(8).toString("hex");
    const pending = { ...upload, token };
    this.pending.set(token, pending);
    return pending;
  }

  /** Removes and returns a pending upload: a saved upload cannot be saved twice. */
  claimPending(token: string): PendingUpload | undefined {
    const pending = this.pending.get(token);
    this.pending.delete(token);
    return pending;
  }

  /** Stores a file and gives it an id, an access key and a download URL. */
  addFile(draft: Omit<StoredFile, "id" | "accessKey" | "url">): StoredFile {
    this.lastIds[draft.kind] += 1;
    const id = 456239000 + this.lastIds[draft.kind];
    const accessKey = randomBytes(9).toString("hex");
    const key = `${draft.kind}${draft.ownerId}_${id}`;
    const url = `${this.origin()}/files/${key}/${encodeURIComponent(draft.filename)}`;
    const file: StoredFile = { ...draft, id, accessKey, url };
    this.files.push(file);
    return file;
  }

  /** Finds a file by the "photo<owner>_<id>" key used in attachment strings and URLs. */
  find(kind: FileKind, ownerId: number, id: number): StoredFile | undefined {
    return this.files.find((f) => f.kind === kind && f.ownerId === ownerId && f.id === id);
  }

  findByKey(key: string): StoredFile | undefined {
    return this.files.find((f) => `${f.kind}${f.ownerId}_${f.id}` === key);
  }

  all(): readonly StoredFile[] {
    return this.files;
  }
}

/** The upload "hash" VK returns with a photo upload; save checks it matches. */
export function uploadHash(token: string): string {
  return createHash("sha1").update(`fake-vk:${token}`).digest("hex");
}
