// @webchat/shared: what every Webchat front end shares.
export * from "./protocol";
export * from "./socket/request";
export * from "./socket/open";
export * from "./socket/connection";
export * from "./socket/transcript";
export * from "./socket/outbox";
export * from "./rest";
export * from "./store";
export * from "./id";
export * from "./format";
export * from "./socket/team";
export * from "./team";
export * from "./upload";
