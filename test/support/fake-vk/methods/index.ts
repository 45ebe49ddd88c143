import { groupsGetById, groupsGetLongPollServer } from "./groups.js";
import type { MethodTable } from "./method-table.js";
import { messagesEdit } from "./messages-edit.js";
import { messagesSendMessageEventAnswer } from "./messages-event-answer.js";
import {
  messagesGetByConversationMessageId,
  messagesGetById,
  messagesGetConversationsById,
} from "./messages-read.js";
import { messagesSend } from "./messages-send.js";
import {
  docsGetMessagesUploadServer,
  docsSave,
  photosGetMessagesUploadServer,
  photosSaveMessagesPhoto,
} from "./uploads.js";
import { usersGet } from "./users.js";

/** Every method the fake implements; anything else is error 3 "Unknown method passed". */
export const METHODS: MethodTable = {
  "groups.getById": groupsGetById,
  "groups.getLongPollServer": groupsGetLongPollServer,
  "users.get": usersGet,
  "messages.send": messagesSend,
  "messages.edit": messagesEdit,
  "messages.getById": messagesGetById,
  "messages.getByConversationMessageId": messagesGetByConversationMessageId,
  "messages.getConversationsById": messagesGetConversationsById,
  "messages.sendMessageEventAnswer": messagesSendMessageEventAnswer,
  "photos.getMessagesUploadServer": photosGetMessagesUploadServer,
  "photos.saveMessagesPhoto": photosSaveMessagesPhoto,
  "docs.getMessagesUploadServer": docsGetMessagesUploadServer,
  "docs.save": docsSave,
};

export type { MethodHandler, MethodTable } from "./method-table.js";
