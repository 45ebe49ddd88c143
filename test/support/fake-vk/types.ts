/** Request parameters exactly as VK receives them: every value is a string. */
export type VkParams = Record<string, string>;

/** The `error` object of a VK API error response. */
export interface VkErrorBody {
  error_code: number;
  error_msg: string;
  request_params: { key: string; value: string }[];
}

/** One event as VK delivers it through Bots Long Poll or the Callback API. */
export interface VkEvent {
  type: string;
  object: Record<string, unknown>;
  group_id: number;
  event_id: string;
  v: string;
}

/** Why the community may not write to a user (VK error 901 or 902). */
export type MessagesDenial = "permission" | "privacy";

/** A VK user the fake knows, added by the test. */
export interface UserRecord {
  id: number;
  firstName: string;
  lastName: string;
  /** undefined: the user accepts community messages. */
  denial: MessagesDenial | undefined;
}

/** A button inside a keyboard sent by the community (VK JSON shape). */
export interface VkKeyboardButton {
  action: { type: string; label?: string; payload?: string; link?: string };
  color?: string;
}

/** A keyboard as the community sent it, parsed from the `keyboard` JSON string. */
export interface VkKeyboard {
  one_time?: boolean;
  inline?: boolean;
  buttons: VkKeyboardButton[][];
}

/** Every message of every conversation, both directions. */
export interface StoredMessage {
  id: number;
  conversationMessageId: number;
  peerId: number;
  fromId: number;
  /** 1 when the community sent it, 0 when a user did. */
  out: 0 | 1;
  date: number;
  text: string;
  randomId: number;
  /** Attachment strings ("photo-1_2_key") for community messages. */
  attachmentRefs: string[];
  /** Attachment objects in VK API shape (what messages.getById returns). */
  attachments: Record<string, unknown>[];
  keyboard: VkKeyboard | undefined;
  payload: string | undefined;
  /** Earlier texts, oldest first, when messages.edit changed the message. */
  previousTexts: string[];
}

/** What a test sees of a message the community sent (via messages.send). */
export interface SentMessage {
  id: number;
  conversationMessageId: number;
  peerId: number;
  text: string;
  keyboard: VkKeyboard | undefined;
  /** Attachment strings as passed to messages.send, e.g. "photo-1_5_ab12". */
  attachments: string[];
  randomId: number;
  payload: string | undefined;
  date: number;
  /** Earlier texts, oldest first, when the message was edited. */
  previousTexts: string[];
}

/** One API call the fake answered, successful or not. */
export interface ApiCallRecord {
  seq: number;
  method: string;
  /** Parameters without access_token. */
  params: VkParams;
  response?: unknown;
  error?: VkErrorBody;
  /** True when a fault was injected: the method did not run. */
  injected: boolean;
  /** True when the client gave up during an injected pre-execution delay (not run). */
  abandoned: boolean;
  at: number;
}

/** One POST of an event (or confirmation request) to the Callback API server. */
export interface CallbackAttempt {
  type: string;
  eventId: string | undefined;
  /** 1 for the first delivery, 2 for the first redelivery... */
  attempt: number;
  /** Value of the X-Retry-Counter header, absent on first delivery. */
  retryCounter: number | undefined;
  /** HTTP status of the answer; 0 when there was no answer (refused, timeout). */
  status: number;
  body: string;
  error: string | undefined;
}

/** Result of a user action: the event and, for Callback delivery, the POST outcome. */
export interface DeliveredEvent {
  event: VkEvent;
  eventId: string;
  via: "long-poll" | "callback";
  attempt: CallbackAttempt | undefined;
}

/** An answer to a callback button (messages.sendMessageEventAnswer). */
export interface MessageEventAnswer {
  eventId: string;
  userId: number;
  peerId: number;
  /** Parsed event_data, undefined when not given. */
  eventData: unknown;
}

/** An attachment a test user sends to the community. */
export type UserAttachmentInput =
  | { type: "photo"; data?: Buffer; width?: number; height?: number; contentType?: string }
  | { type: "doc"; title: string; data?: Buffer; contentType?: string }
  | { type: "audio_message"; data?: Buffer; duration?: number };
