export * from "./mesh-service";
export { buildTraffic } from "./build";
export type { TrafficObjects } from "./build";
export { TrafficArgsError } from "./errors";
export { duplicateHosts, serviceFqdn } from "./hosts";
export { meshServiceArgs, trafficArgs } from "./args";
export type { TrafficArgs } from "./args";
export * from "./service-settings";
