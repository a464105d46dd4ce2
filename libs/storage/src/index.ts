export { FileStorage } from './file-storage';
export type { StoredFile } from './file-storage';
export { LocalDiskStorage } from './local-disk.storage';
export { StorageModule } from './storage.module';
export { ATTACHMENT_KINDS, detectAttachmentKind } from './file-kinds';
export type { AttachmentKind, DetectedKind } from './file-kinds';
export { attachmentDisposition, safeDisplayName } from './filenames';
