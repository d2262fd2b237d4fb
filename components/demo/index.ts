/**
 * The seed article's demo workloads: TypeScript only, at the package's `./demo`
 * subpath. DemoWorkloads orders each app after the MeshService objects of the
 * hosts it uses, and component objects cannot cross into other languages, so
 * it stays out of the package entry that Pulumi's multi-language schema is
 * built from.
 */
export * from "./demo-workloads";
export { demoApps, DEMO_IMAGES, SEED_PROXY_RESOURCES } from "./apps";
export type { DemoApp, DemoAppsArgs } from "./apps";
export { deployment, service, serviceAccount } from "./workload";
export type { WorkloadArgs, ServiceArgs } from "./workload";
