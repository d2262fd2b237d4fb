import { strict as assert } from "assert";
import fc from "fast-check";
import { ArgsError } from "../components/common/parse-args";
import { QUANTITY_PATTERN } from "../components/common/validation";
import { demoApps, SEED_PROXY_RESOURCES } from "../components/demo/apps";
import { pinnedImage } from "../components/demo/image";
import { trafficLoopScript } from "../components/demo/traffic-loop";
import { deployment, service, serviceAccount, WorkloadArgs } from "../components/demo/workload";
import { proxyResourceAnnotations } from "../components/observability/proxy-resources";
import { shellCalls } from "./helpers/shell-calls";

const orders: WorkloadArgs = {
    name: "orders",
    namespace: "shop",
    labels: { app: "orders", version: "v1" },
    serviceAccountName: "orders",
    image: "docker.io/hashicorp/http-echo:1.0.0",
    args: ["-listen=:8080", "-text=ok"],
    port: 8080,
    healthPath: "/health",
    resources: { requests: { cpu: "10m" } },
    proxyResources: { cpu: "100m" },
};

/** The problem lines of rejected builder input; fails when it is accepted. */
function problems(build: () => unknown, subject: string): string[] {
    try {
        build();
    } catch (err) {
        assert.ok(err instanceof ArgsError, `expected an ArgsError, got ${String(err)}`);
        assert.equal(err.subject, subject);
        return err.problems;
    }
    assert.fail("input was accepted");
}

describe("demo builders", () => {
    describe("deployment", () => {
        it("selects its own pods, runs as its ServiceAccount and sets the sidecar resources on the pod", () => {
            const d = deployment(orders);
            assert.deepEqual(d.metadata, { name: "orders", namespace: "shop", labels: orders.labels });
            assert.deepEqual(d.spec.selector.matchLabels, orders.labels);
            assert.deepEqual(d.spec.template.metadata, { labels: orders.labels, annotations: { "sidecar.istio.io/proxyCPU": "100m" } });
            assert.equal(d.spec.template.spec.serviceAccountName, "orders");
            const [c] = d.spec.template.spec.containers;
            assert.equal(c.name, "orders");
            assert.deepEqual(c.args, orders.args);
            assert.deepEqual(c.ports, [{ name: "http", containerPort: 8080 }]);
            assert.deepEqual(c.readinessProbe?.httpGet, { path: "/health", port: 8080 });
            assert.deepEqual(c.livenessProbe?.httpGet, { path: "/health", port: 8080 });
            assert.ok(c.livenessProbe!.failureThreshold > c.readinessProbe!.failureThreshold, "liveness gives up later than readiness");
        });

        it("writes env as name/value pairs, and no ports or probes for a client", () => {
            const { port, healthPath, ...client } = orders;
            const [c] = deployment({ ...client, env: { SERVICE_VERSION: "v2" } }).spec.template.spec.containers;
            assert.deepEqual(c.env, [{ name: "SERVICE_VERSION", value: "v2" }]);
            assert.equal(c.ports, undefined);
            assert.equal(c.readinessProbe, undefined);
            assert.equal(c.livenessProbe, undefined);
        });

        const badImages: Array<[string, string]> = [
            ["untagged", "docker.io/hashicorp/http-echo"],
            ["latest", "docker.io/hashicorp/http-echo:latest"],
            ["untagged behind a registry port", "localhost:5000/http-echo"],
        ];
        for (const [what, image] of badImages) {
            it(`refuses an image that is ${what}`, () => {
                assert.deepEqual(problems(() => deployment({ ...orders, image }), "Deployment shop/orders"), [
                    `image: expected an image pinned to a tag other than latest, or to a digest (@sha256:...), got ${JSON.stringify(image)}`,
                ]);
            });
        }

        it("accepts tags, registry ports and digests", () => {
            const digest = `sha256:${"a".repeat(64)}`;
            for (const image of ["localhost:5000/http-echo:1.0.0", `docker.io/hashicorp/http-echo@${digest}`, `nginx:latest@${digest}`]) {
                assert.equal(deployment({ ...orders, image }).spec.template.spec.containers[0].image, image);
            }
        });

        it("names every bad field", () => {
            const found = problems(() => deployment({
                ...orders,
                namespace: "Shop",
                port: undefined,
                proxyResources: { cpu: "100 m" },
                labels: {},
            }), "Deployment Shop/orders");
            assert.deepEqual(found.sort(), [
                `healthPath: a health path needs the port it is served on, got "/health"`,
                "labels: expected at least one label, got {}",
                `namespace: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got "Shop"`,
                `proxyResources.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got "100 m"`,
            ]);
        });
    });

    describe("service and service account", () => {
        it("names the port http and declares appProtocol http, so Istio treats the traffic as HTTP", () => {
            assert.deepEqual(service({ name: "orders", namespace: "shop", selector: { app: "orders" }, port: 80, targetPort: 8080 }), {
                apiVersion: "v1",
                kind: "Service",
                metadata: { name: "orders", namespace: "shop" },
                spec: { selector: { app: "orders" }, ports: [{ name: "http", port: 80, targetPort: 8080, appProtocol: "http" }] },
            });
        });

        it("refuses ports outside 1 to 65535 and names that are not DNS labels", () => {
            assert.deepEqual(problems(() => service({ name: "orders", namespace: "shop", selector: { app: "orders" }, port: 0, targetPort: 70000 }), "Service shop/orders"),
                ["port: expected a port from 1 to 65535, got 0", "targetPort: expected a port from 1 to 65535, got 70000"]);
            assert.deepEqual(problems(() => serviceAccount("Api_Gateway", "shop"), "ServiceAccount shop/Api_Gateway"),
                [`name: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got "Api_Gateway"`]);
        });
    });

    describe("pinned images", () => {
        const segment = fc.stringMatching(/^[a-z0-9]{1,8}$/);
        const repository = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
        const tag = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$/).filter((t) => t !== "latest");

        it("accepts any repository with a tag other than latest, and refuses it untagged or at latest", () => {
            fc.assert(fc.property(repository, tag, (repo, t) => {
                assert.ok(pinnedImage.safeParse(`${repo}:${t}`).success, `${repo}:${t}`);
                assert.equal(pinnedImage.safeParse(repo).success, false, repo);
                assert.equal(pinnedImage.safeParse(`${repo}:latest`).success, false);
            }));
        });
    });

    describe("the demo apps", () => {
        const namespace = fc.stringMatching(/^[a-z]([-a-z0-9]{0,20}[a-z0-9])?$/);
        const quantity = fc.oneof(fc.nat(4000).map((n) => `${n}m`), fc.nat(4096).map((n) => `${n}Mi`));
        const resources = fc.record({ cpu: quantity, memory: quantity, cpuLimit: quantity, memoryLimit: quantity }, { requiredKeys: [] });

        it("in any namespace: everything there, each Deployment selecting its pods as a ServiceAccount of the demo, each Service selecting pods, the given sidecar resources", () => {
            fc.assert(fc.property(namespace, resources, (ns, proxy) => {
                const apps = demoApps({ namespace: ns, proxyResources: proxy });
                const accounts = apps.map((a) => a.serviceAccount.metadata.name);
                const deployments = apps.flatMap((a) => a.deployments);
                const objects = [...apps.map((a) => a.serviceAccount), ...apps.flatMap((a) => (a.service ? [a.service] : [])), ...deployments];
                for (const o of objects) assert.equal(o.metadata.namespace, ns);
                for (const d of deployments) {
                    assert.deepEqual(d.spec.selector.matchLabels, d.spec.template.metadata.labels);
                    assert.ok(accounts.includes(d.spec.template.spec.serviceAccountName));
                    assert.deepEqual(d.spec.template.metadata.annotations, proxyResourceAnnotations(proxy));
                    for (const c of d.spec.template.spec.containers) assert.ok(pinnedImage.safeParse(c.image).success, c.image);
                }
                for (const app of apps) {
                    for (const host of app.hosts) assert.ok(host.endsWith(`.${ns}.svc.cluster.local`), host);
                    if (!app.service) continue;
                    const selected = deployments.filter((d) => Object.entries(app.service!.spec.selector).every(([k, v]) => d.spec.template.metadata.labels[k] === v));
                    assert.ok(selected.length > 0, `Service ${app.service.metadata.name} selects pods`);
                    for (const d of selected) {
                        assert.ok(d.spec.template.spec.containers.some((c) => c.ports?.some((p) => p.containerPort === app.service!.spec.ports[0].targetPort)));
                    }
                }
            }));
        });

        it("uses the seed's sidecar resources by default", () => {
            assert.deepEqual(SEED_PROXY_RESOURCES, { cpu: "100m", memory: "128Mi", cpuLimit: "500m", memoryLimit: "256Mi" });
            for (const value of Object.values(SEED_PROXY_RESOURCES)) assert.match(value, QUANTITY_PATTERN);
        });

        it("refuses a namespace that is not a DNS label, naming the argument", () => {
            assert.deepEqual(problems(() => demoApps({ namespace: "my_ns", proxyResources: {} }), "demo workloads"),
                [`namespace: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got "my_ns"`]);
        });
    });

    describe("the api-gateway's traffic loop", () => {
        const urls = { orders: "http://orders.shop.svc.cluster.local:8080", myapp: "http://myapp.shop.svc.cluster.local:5000" };

        it("runs in a POSIX shell: per pass GET and POST on orders and GET on myapp, every 5th as a beta tester, every 10th a DELETE", () => {
            const { calls, stdout } = shellCalls(["/bin/sh", "-c", trafficLoopScript({ ...urls, intervalSeconds: 1 })], 10);
            const count = (f: (c: typeof calls[number]) => boolean) => calls.filter(f).length;
            assert.equal(count((c) => c.method === "GET" && /^http:\/\/orders\.shop\.svc\.cluster\.local:8080\/orders\/([1-9]|10)$/.test(c.url)), 10);
            assert.equal(count((c) => c.method === "POST" && c.url.startsWith(`${urls.orders}/orders/`)), 10);
            assert.equal(count((c) => c.url === `${urls.myapp}/hello` && c.headers.length === 0), 10);
            assert.equal(count((c) => c.url === `${urls.myapp}/hello` && c.headers.join() === "x-user-type: beta-tester"), 2);
            assert.equal(count((c) => c.method === "DELETE" && c.url === `${urls.orders}/orders/1`), 1);
            assert.equal(calls.length, 33);
            // One log line per call, with what came back.
            assert.equal(stdout.trim().split("\n").length, 33);
            assert.match(stdout, /^DELETE http:\/\/orders\.shop\.svc\.cluster\.local:8080\/orders\/1 200 \(not allowed by orders-policy\)$/m);
        });

        it("refuses URLs a shell would read differently and intervals under a second", () => {
            assert.deepEqual(problems(() => trafficLoopScript({ ...urls, orders: "http://orders;reboot", intervalSeconds: 0 }), "api-gateway traffic loop"), [
                `orders: expected a base URL without a path, such as http://orders.default.svc.cluster.local:8080, got "http://orders;reboot"`,
                "intervalSeconds: expected at least 1 second, got 0",
            ]);
        });
    });
});
