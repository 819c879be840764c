// The typed wire contract, one import for the apps.
export * from "./objects";
export * from "./support";
export * from "./events";
export * from "./admin";
