export * from "./mesh-service";
export { buildTraffic } from "./build";
export type { TrafficObjects } from "./build";
export { TrafficArgsError } from "./errors";
export { duplicateHosts, serviceFqdn } from "./hosts";
export * from "./service-settings";
