import { z } from "zod";
import { parseArgs } from "../common/parse-args";
import { dnsLabel, schemaOf } from "../common/validation";
import { ProxyResources, proxyResourcesSchema } from "../observability/proxy-resources";
import { serviceFqdn } from "../traffic/hosts";
import { trafficLoopScript } from "./traffic-loop";
import { deployment, DeploymentObject, service, serviceAccount, ServiceAccountObject, ServiceObject } from "./workload";

/**
 * The seed article's workloads: `myapp` in two versions (the canary and the
 * beta-tester route), `orders` (the circuit breaker and the authorization
 * policy) and `api-gateway`, the one caller orders-policy admits, which keeps
 * traffic flowing through both.
 */

/** Images as Istio 1.30.3's own samples pin them (samples/helloworld, samples/curl), and http-echo's 1.0.0 release. */
export const DEMO_IMAGES = {
    myappV1: "registry.istio.io/release/examples-helloworld-v1:1.0",
    myappV2: "registry.istio.io/release/examples-helloworld-v2:1.0",
    orders: "docker.io/hashicorp/http-echo:1.0.0",
    apiGateway: "docker.io/curlimages/curl:8.16.0",
} as const;

/** The seed's "Resource Allocation" sidecar settings. */
export const SEED_PROXY_RESOURCES = { cpu: "100m", memory: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" } as const;

export const MYAPP_PORT = 5000;
export const ORDERS_PORT = 8080;

export interface DemoApp {
    /** Its `app` label, ServiceAccount and (for a server) Service name. */
    name: string;
    serviceAccount: ServiceAccountObject;
    service?: ServiceObject;
    deployments: DeploymentObject[];
    /** FQDNs of the services whose traffic rules its pods should find in place: its own and those it calls. */
    hosts: string[];
}

/** Where the demo apps run and what their sidecars ask for. */
export interface DemoAppsArgs {
    /** Namespace of every app (injected, with the traffic rules of their hosts). */
    namespace: string;
    /** Each pod's sidecar resources (`sidecar.istio.io/proxy*` annotations). */
    proxyResources: ProxyResources;
}

/** @internal */
export const demoAppsSchema = schemaOf<DemoAppsArgs>()(z.strictObject({
    namespace: dnsLabel,
    proxyResources: proxyResourcesSchema,
}));

// Small requests: the demo runs next to Istio on kind or minikube.
const SMALL = { requests: { cpu: "10m", memory: "16Mi" }, limits: { cpu: "100m", memory: "64Mi" } };
// helloworld computes a million square roots per request.
const HELLOWORLD = { requests: { cpu: "50m", memory: "64Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

export function demoApps(input: DemoAppsArgs): DemoApp[] {
    const { namespace, proxyResources } = parseArgs(demoAppsSchema, input, "demo workloads");
    const myappHost = serviceFqdn("myapp", namespace);
    const ordersHost = serviceFqdn("orders", namespace);

    const myapp: DemoApp = {
        name: "myapp",
        serviceAccount: serviceAccount("myapp", namespace),
        service: service({ name: "myapp", namespace, selector: { app: "myapp" }, port: MYAPP_PORT, targetPort: MYAPP_PORT }),
        deployments: (["v1", "v2"] as const).map((version) => deployment({
            name: `myapp-${version}`,
            namespace,
            labels: { app: "myapp", version },
            serviceAccountName: "myapp",
            image: version === "v1" ? DEMO_IMAGES.myappV1 : DEMO_IMAGES.myappV2,
            env: { SERVICE_VERSION: version },
            port: MYAPP_PORT,
            healthPath: "/health",
            resources: HELLOWORLD,
            proxyResources,
        })),
        hosts: [myappHost],
    };

    const orders: DemoApp = {
        name: "orders",
        serviceAccount: serviceAccount("orders", namespace),
        service: service({ name: "orders", namespace, selector: { app: "orders" }, port: ORDERS_PORT, targetPort: ORDERS_PORT }),
        deployments: [deployment({
            name: "orders",
            namespace,
            labels: { app: "orders", version: "v1" },
            serviceAccountName: "orders",
            image: DEMO_IMAGES.orders,
            // http-echo answers every path with this text, so /orders/<n> works.
            args: [`-listen=:${ORDERS_PORT}`, "-text=orders: ok"],
            port: ORDERS_PORT,
            healthPath: "/health",
            resources: SMALL,
            proxyResources,
        })],
        hosts: [ordersHost],
    };

    const apiGateway: DemoApp = {
        name: "api-gateway",
        serviceAccount: serviceAccount("api-gateway", namespace),
        deployments: [deployment({
            name: "api-gateway",
            namespace,
            labels: { app: "api-gateway", version: "v1" },
            serviceAccountName: "api-gateway",
            image: DEMO_IMAGES.apiGateway,
            command: ["/bin/sh", "-c", trafficLoopScript({
                orders: `http://${ordersHost}:${ORDERS_PORT}`,
                myapp: `http://${myappHost}:${MYAPP_PORT}`,
                intervalSeconds: 1,
            })],
            // A client only: no port, so no probes; the loop logs every call instead.
            resources: SMALL,
            proxyResources,
        })],
        hosts: [ordersHost, myappHost],
    };

    return [myapp, orders, apiGateway];
}
