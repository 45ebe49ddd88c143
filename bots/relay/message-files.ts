import type { Attachment } from "../../core/tickets/index.js";

interface FileMeta {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
}

/** The parts of a Telegram message that carry files (any message type fits). */
export interface WithFiles {
  photo?: (FileMeta & { width: number; height: number })[];
  document?: FileMeta & { file_name?: string; mime_type?: string };
  voice?: FileMeta & { duration: number; mime_type?: string };
  audio?: FileMeta & { duration: number; file_name?: string; mime_type?: string };
  video?: FileMeta & { duration: number; width: number; height: number; mime_type?: string };
  video_note?: FileMeta & { duration: number };
  animation?: FileMeta & { duration: number; file_name?: string; mime_type?: string };
}

/** An agent's files as core attachments (ids of the relay bot, metadata only). */
export function messageFiles(message: WithFiles): Attachment[] {
  const out: Attachment[] = [];
  const base = (f: FileMeta) => ({
    fileId: f.file_id,
    fileUniqueId: f.file_unique_id,
    fileSize: f.file_size,
  });
  const photo = message.photo?.at(-1);
  if (photo) out.push({ kind: "photo", ...base(photo), width: photo.width, height: photo.height });
  const { document: d, voice: v, audio: a, video: vd, video_note: n, animation: an } = message;
  if (an)
    out.push({
      kind: "animation",
      ...base(an),
      duration: an.duration,
      fileName: an.file_name,
      mimeType: an.mime_type,
    });
  else if (d)
    out.push({ kind: "document", ...base(d), fileName: d.file_name, mimeType: d.mime_type });
  if (v) out.push({ kind: "voice", ...base(v), duration: v.duration, mimeType: v.mime_type });
  if (a)
    out.push({
      kind: "audio",
      ...base(a),
      duration: a.duration,
      fileName: a.file_name,
      mimeType: a.mime_type,
    });
  if (vd)
    out.push({
      kind: "video",
      ...base(vd),
      duration: vd.duration,
      width: vd.width,
      height: vd.height,
      mimeType: vd.mime_type,
    });
  if (n) out.push({ kind: "video_note", ...base(n), duration: n.duration });
  return out;
}
