import type { Upload } from "vk-io";
import { DeliveryError, type FetchedFile, type FileFetcher } from "../../core/outbound/index.js";
import type { Attachment } from "../../core/tickets/index.js";

/**
 * An agent's files, downloaded through the staff relay bot (Telegram file ids belong to
 * that bot) and uploaded to VK for this parent. Photos stay photos, voice notes become
 * voice messages, everything else is sent as a document. Returns attachment strings for
 * messages.send, in the agent's order.
 */
export async function uploadAgentMedia(
  upload: Upload,
  fetchRelayFile: FileFetcher | undefined,
  peerId: number,
  attachments: Attachment[],
): Promise<string[]> {
  if (!fetchRelayFile)
    throw new DeliveryError(
      "REJECTED",
      "agent media cannot be relayed: no staff relay file fetcher",
    );
  const refs: string[] = [];
  for (const attachment of attachments) {
    const file = await download(fetchRelayFile, attachment);
    refs.push(String(await uploadOne(upload, peerId, attachment, file)));
  }
  return refs;
}

async function download(fetchRelayFile: FileFetcher, attachment: Attachment): Promise<FetchedFile> {
  try {
    return await fetchRelayFile(attachment);
  } catch (error) {
    throw new DeliveryError(
      "TRANSIENT",
      `the agent's ${attachment.kind} could not be downloaded from Telegram: ${String(error)}`,
      undefined,
      { cause: error },
    );
  }
}

function uploadOne(upload: Upload, peerId: number, attachment: Attachment, file: FetchedFile) {
  const fileName = attachment.fileName ?? file.fileName;
  const source = { value: file.data, filename: fileName, contentType: file.mimeType };
  switch (attachment.kind) {
    case "photo":
      return upload.messagePhoto({ peer_id: peerId, source });
    case "voice":
      return upload.audioMessage({ peer_id: peerId, source });
    default:
      return upload.messageDocument({ peer_id: peerId, source, title: fileName });
  }
}
