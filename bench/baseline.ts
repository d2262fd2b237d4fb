import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { inTurns } from "../components/common/turns";
import { plainStackTraces } from "../stacks/plain-stack-traces";
import type { Profile } from "../stacks/schema";
import { benchServices, BETA_HEADER, CALLER, ORDERS_TRAFFIC_POLICY, RETRIES, TIMEOUT } from "./stack-config";

/**
 * The raw baseline: the Istio objects and namespaces of a bench stack written
 * out as literal resources, with no components, config schema or builders,
 * each waiting for its namespace only, declared in the program's order and
 * turns (the services, then the security policies, a few per turn). What the
 * program costs on top of registering its objects is its time over this
 * one's, both run the same way.
 * The control plane and addons (a fixed two dozen resources) are left out.
 */

// What the profiles set for these objects (stacks/presets.ts): mTLS mode and deny-by-default.
const SECURITY: Record<Profile, { mtls: string; denyByDefault: boolean }> = {
    demo: { mtls: "PERMISSIVE", denyByDefault: false },
    production: { mtls: "STRICT", denyByDefault: true },
};

const INJECTION = { "istio-injection": "enabled" };

export function baselineProgram(n: number, profile: Profile): () => Promise<Record<string, unknown>> {
    return async () => {
        // Run as the program runs (index.ts).
        plainStackTraces();
        const provider = new k8s.Provider("kubernetes", {});
        const { mtls, denyByDefault } = SECURITY[profile];
        const services = benchServices(n);
        const namespaces = new Map<string, k8s.core.v1.Namespace>();
        for (const name of new Set(services.map((s) => s.namespace))) {
            namespaces.set(name, new k8s.core.v1.Namespace(name, { metadata: { name, labels: INJECTION } }, { provider }));
        }
        const inNamespace = (namespace: string): pulumi.CustomResourceOptions => ({ provider, dependsOn: [namespaces.get(namespace)!] });
        new k8s.apiextensions.CustomResource("mesh-default", {
            apiVersion: "security.istio.io/v1",
            kind: "PeerAuthentication",
            metadata: { name: "default", namespace: "istio-system" },
            spec: { mtls: { mode: mtls } },
        }, { provider });
        // A few services per turn, as the program registers them (MeshServices, components/common/turns.ts).
        await inTurns(services, ({ name, namespace }) => {
            const host = `${name}.${namespace}.svc.cluster.local`;
            const opts = inNamespace(namespace);
            new k8s.apiextensions.CustomResource(`${name}-destinationrule`, {
                apiVersion: "networking.istio.io/v1",
                kind: "DestinationRule",
                metadata: { name, namespace },
                spec: {
                    host,
                    exportTo: ["."],
                    subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }],
                    trafficPolicy: ORDERS_TRAFFIC_POLICY,
                },
            }, opts);
            new k8s.apiextensions.CustomResource(`${name}-virtualservice`, {
                apiVersion: "networking.istio.io/v1",
                kind: "VirtualService",
                metadata: { name, namespace },
                spec: {
                    hosts: [host],
                    exportTo: ["."],
                    http: [
                        {
                            name: "beta-testers",
                            match: [{ headers: BETA_HEADER }],
                            route: [{ destination: { host, subset: "v2" } }],
                            timeout: TIMEOUT,
                            retries: RETRIES,
                        },
                        {
                            route: [
                                { destination: { host, subset: "v1" }, weight: 90 },
                                { destination: { host, subset: "v2" }, weight: 10 },
                            ],
                            timeout: TIMEOUT,
                            retries: RETRIES,
                        },
                    ],
                },
            }, opts);
        });
        // Then the security policies, a few per turn, as the program's MeshAuthorization.create registers them.
        const policies: [string, k8s.apiextensions.CustomResourceArgs, pulumi.CustomResourceOptions][] = [];
        if (denyByDefault) {
            for (const namespace of namespaces.keys()) {
                policies.push([`${namespace}-allow-nothing`, {
                    apiVersion: "security.istio.io/v1",
                    kind: "AuthorizationPolicy",
                    metadata: { name: "allow-nothing", namespace },
                    spec: {},
                }, inNamespace(namespace)]);
            }
        }
        for (const { name, namespace } of services) {
            policies.push([`${name}-policy`, {
                apiVersion: "security.istio.io/v1",
                kind: "AuthorizationPolicy",
                metadata: { name: `${name}-policy`, namespace },
                spec: {
                    selector: { matchLabels: { app: name } },
                    rules: [{
                        from: [{ source: { principals: [`cluster.local/ns/${namespace}/sa/${CALLER}`] } }],
                        to: [{ operation: { methods: ["GET", "POST"] } }],
                    }],
                },
            }, inNamespace(namespace)]);
        }
        await inTurns(policies, ([name, args, opts]) => new k8s.apiextensions.CustomResource(name, args, opts));
        return {};
    };
}
