/** SIP dialogs (RFC 3261 §12) and the requests the box originates. */
export { contactUri, uacDialog, uasDialog, withoutTag } from './create-dialog.ts';
export { Dialog, type DialogState, dialogId, type InDialogOptions, type RemoteCSeqCheck } from './dialog.ts';
export { createInitialRequest, type InitialRequestOptions } from './initial-request.ts';
export { contactValue, type LocalIdentity, viaValue } from './local-identity.ts';
