// Attachments: limits in words, the upload with progress, the pending-upload queue, paste and drop.
export * from "./limits";
export * from "./upload";
export * from "./queue";
export * from "./gather";
