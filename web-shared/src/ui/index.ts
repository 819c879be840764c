// @webchat/shared/ui: React pieces shared by the apps.
export * from "./CharCount";
export * from "./Citations";
export * from "./ConfirmDialog";
export * from "./LoginForm";
export * from "./Modal";
export * from "./hooks";
export * from "./linkify";
export * from "./messages";
export * from "./AttachmentView";
export * from "./PendingUploads";
export * from "./attach";
export * from "./Snippet";
export * from "./strings";
