import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { componentArgs, inComponent } from "../common/parse-args";
import type { ProxyResources } from "../observability/proxy-resources";
import { demoApps, SEED_PROXY_RESOURCES } from "./apps";

export const DEMO_NAMESPACE = "default";

export interface DemoWorkloadsArgs {
    /**
     * An injected namespace; `default` like the seed article.
     * @default "default" (DEMO_NAMESPACE)
     * @see https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/
     */
    namespace?: string;
    /**
     * Sidecar resources of every demo pod; the seed's by default (100m/128Mi, limits 500m/256Mi).
     * @default SEED_PROXY_RESOURCES (requests 100m/128Mi, limits 500m/256Mi)
     * @see https://istio.io/latest/docs/reference/config/annotations/#SidecarProxyCPU
     */
    proxyResources?: ProxyResources;
    /**
     * The stack's traffic rules: its MeshServices, or each host with its objects. An app's pods start
     * after the rules for its own host and the hosts it calls, so the DestinationRule subsets
     * and routes are in place before the pods take or send traffic.
     * @default none (pods start without waiting for rules)
     * @see https://istio.io/latest/docs/ops/best-practices/traffic-management/#avoid-503-errors-while-reconfiguring-service-routes
     */
    trafficRules?: HostRules[];
}

/** A host's traffic rules: a MeshService (the component is what to wait for), or a host and its `objects`. */
export interface HostRules {
    readonly host: string;
    /**
     * Resources that carry the host's rules; the demo workloads wait for them.
     * @default none (nothing to wait for)
     * @see https://www.pulumi.com/docs/iac/concepts/options/dependson/
     */
    readonly objects?: pulumi.Resource[];
}

const waitFor = (rules: HostRules): pulumi.Resource[] => (pulumi.Resource.isInstance(rules) ? [rules] : rules.objects ?? []);

const TYPE = "istio-mesh:demo:DemoWorkloads";

// Every argument, so that one it does not have is caught with the closest that it has.
const ARGUMENTS: Record<keyof DemoWorkloadsArgs, true> = { namespace: true, proxyResources: true, trafficRules: true };

/**
 * The seed article's demo apps (myapp v1/v2, orders, api-gateway) as
 * ServiceAccounts, Services and Deployments. Pass the mesh's readiness, the
 * namespace and the security components as `dependsOn`: the pods need the
 * injection webhook and the namespace's label to get sidecars, and the
 * policies should hold before orders takes traffic.
 */
export class DemoWorkloads extends pulumi.ComponentResource {
    /** The apps' Deployments (one per app version). */
    readonly deployments: k8s.apps.v1.Deployment[] = [];
    /** The apps' Services. */
    readonly services: k8s.core.v1.Service[] = [];
    /** The apps' ServiceAccounts, which authorization policies name as callers. */
    readonly serviceAccounts: k8s.core.v1.ServiceAccount[] = [];

    constructor(name: string, args: DemoWorkloadsArgs, opts?: pulumi.ComponentResourceOptions) {
        super(TYPE, name, {}, opts);
        const subject = componentArgs(TYPE, name, args, ARGUMENTS);
        const apps = inComponent(subject, () => demoApps({ namespace: args.namespace ?? DEMO_NAMESPACE, proxyResources: args.proxyResources ?? SEED_PROXY_RESOURCES }));
        // Children do not inherit the component's dependsOn.
        const after = pulumi.output(opts?.dependsOn ?? []).apply((d) => (Array.isArray(d) ? d : [d]));
        const child = { parent: this, dependsOn: after };
        for (const app of apps) {
            const account = new k8s.core.v1.ServiceAccount(`${name}-${app.name}`, app.serviceAccount, child);
            this.serviceAccounts.push(account);
            if (app.service) this.services.push(new k8s.core.v1.Service(`${name}-${app.name}`, app.service, child));
            const rules = (args.trafficRules ?? []).filter((rule) => app.hosts.includes(rule.host));
            for (const object of app.deployments) {
                this.deployments.push(new k8s.apps.v1.Deployment(`${name}-${object.metadata.name}`, object, {
                    parent: this,
                    dependsOn: after.apply((d) => [...d, account, ...rules.flatMap(waitFor)]),
                }));
            }
        }
        this.registerOutputs({});
    }
}
