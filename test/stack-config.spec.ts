import * as pulumi from "@pulumi/pulumi";
import { strict as assert } from "assert";
import { ConfigError } from "../stacks/errors";
import { ownConfig, parseEnvironment } from "../stacks/load";
import { assertProblem, configProblems } from "./helpers/problems";
import { readStackFile, Registered, runProgram } from "./helpers/mock-program";


describe("stack configuration", () => {
    it("accepts both shipped stack files", () => {
        assert.equal(parseEnvironment(ownConfig(readStackFile("dev"))).profile, "demo");
        assert.equal(parseEnvironment(ownConfig(readStackFile("prod"))).profile, "production");
    });

    it("merges the stack's own values over the profile preset", () => {
        const env = parseEnvironment({ profile: "production", istio: { istiod: { autoscaleMax: 9 } } });
        assert.equal(env.istio.istiod.autoscaleMax, 9);
        assert.equal(env.istio.istiod.autoscaleMin, 2, "the rest of the preset stays");
        assert.equal(env.istio.version, "1.30.3");
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
        ["no profile", {}, `istio-mesh:profile: is required; expected one of "demo", "production"`],
        ["an unknown profile", { profile: "dev" }, `istio-mesh:profile: expected one of "demo", "production", got "dev"`],
        ["an unpinned version", { profile: "demo", istio: { version: "latest" } },
            `istio-mesh:istio.version: expected a pinned version like 1.30.3, got "latest"`],
        ["a version range", { profile: "demo", istio: { version: "^1.30" } },
            `istio-mesh:istio.version: expected a pinned version like 1.30.3, got "^1.30"`],
        ["a misspelt key", { profile: "demo", istio: { verison: "1.30.3" } },
            "istio-mesh:istio.verison: unknown key; allowed here: version, repository, namespace, revision"],
        ["a misspelt key, with the key it was meant to be", { profile: "demo", istio: { gatway: { enabled: false } } },
            "istio-mesh:istio.gatway: unknown key; allowed here: version, repository, namespace, revision, revisions, revisionTags, helmProfile, cni, allowCrdDeletion, protect, istiod, gateway, egressGateway; did you mean gateway?"],
        ["a misspelt key under a service, with the key it was meant to be", { profile: "demo", services: { api: { namespace: "default", gatway: ["g"] } } },
            "istio-mesh:services.api.gatway: unknown key; allowed here: name, namespace, host, meshNamespaces, destinationRule, hosts, gateways, exportTo, versions, " +
            "workloadSelector, subsetTrafficPolicy, canary, routes, tcp, tls, defaultRoute, mirror, mirrorPercentage, timeout, retries, fault, headers, " +
            "corsPolicy, trafficPolicy; did you mean gateways?"],
        ["an unknown top-level key", { profile: "demo", mesh: {} },
            "istio-mesh:mesh: unknown key; allowed here: profile, kubernetes, istio, charts, namespaces"],
        ["a revision that is not a DNS label", { profile: "demo", istio: { revision: "1.30.3" } },
            `istio-mesh:istio.revision: expected a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit, got "1.30.3"`],
        ["a bad namespace name", { profile: "demo", namespaces: { My_App: {} } },
            "istio-mesh:namespaces.My_App: expected a DNS label"],
        ["a non-boolean create flag", { profile: "demo", namespaces: { default: { create: "no" } } },
            `istio-mesh:namespaces.default.create: expected boolean, got "no"`],
        ["a quantity with a space", { profile: "production", istio: { istiod: { resources: { requests: { cpu: "100 m" } } } } },
            `istio-mesh:istio.istiod.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got "100 m"`],
        ["zero replicas", { profile: "production", istio: { gateway: { autoscaleMin: 0 } } },
            "istio-mesh:istio.gateway.autoscaleMin: expected at least 1, got 0"],
        ["a fractional replica count", { profile: "production", istio: { istiod: { replicaCount: 2.5 } } },
            "istio-mesh:istio.istiod.replicaCount: expected a whole number, got 2.5"],
        ["min above max", { profile: "production", istio: { istiod: { autoscaleMin: 6 } } },
            "istio-mesh:istio.istiod.autoscaleMin: autoscaleMin must not exceed autoscaleMax, got 6"],
        ["a PDB on a single gateway replica", { profile: "demo", istio: { gateway: { podDisruptionBudget: true } } },
            "istio-mesh:istio.gateway.podDisruptionBudget: podDisruptionBudget needs autoscaleMin of at least 2, got true"],
        ["an unknown service type", { profile: "demo", istio: { gateway: { serviceType: "Ingress" } } },
            `istio-mesh:istio.gateway.serviceType: expected one of "LoadBalancer", "NodePort", "ClusterIP", got "Ingress"`],
        ["an unknown chart profile", { profile: "demo", istio: { helmProfile: "ambient" } },
            `istio-mesh:istio.helmProfile: expected one of "demo", "stable", "preview", got "ambient"`],
        ["a section of the wrong type", { profile: "demo", istio: "1.30.3" },
            `istio-mesh:istio: expected object, got "1.30.3"`],
    ];
    for (const [what, config, message] of bad) {
        it(`rejects ${what}, naming the key`, () => {
            assertProblem(configProblems(config), message);
        });
    }

    it("lists every problem at once, one line each", () => {
        const problems = configProblems({
            profile: "demo",
            istio: { version: "latest", verison: 1, gateway: { serviceType: "Foo" } },
            namespaces: { Bad_NS: {} },
        });
        assert.equal(problems.length, 4, problems.join("\n"));
    });

    it("fails as a RunError, which Pulumi prints without a stack trace", () => {
        try {
            parseEnvironment({ profile: "nope" });
            assert.fail("accepted");
        } catch (err) {
            assert.ok(pulumi.RunError.isInstance(err));
            assert.match((err as Error).message, /^invalid stack configuration \(1 problem\):\n {2}- istio-mesh:profile:/);
        }
    });

    it("stops the program before any resource is registered", async () => {
        const registered: Registered[] = [];
        await assert.rejects(
            runProgram({ "istio-mesh:profile": "demo", "istio-mesh:istio": { version: "latest" } }, "bad", registered),
            (err: Error) => err instanceof ConfigError && /istio-mesh:istio\.version/.test(err.message),
        );
        assert.deepEqual(registered.map((r) => r.type), []);
    });
});

describe("stack configuration across sections", () => {
    const orders = (tls: Record<string, unknown>) => ({ orders: { namespace: "default", trafficPolicy: { tls } } });

    it("rejects a DestinationRule that disables TLS towards a STRICT namespace", () => {
        assertProblem(
            configProblems({ profile: "production", services: orders({ mode: "DISABLE" }) }),
            "istio-mesh:services.orders.trafficPolicy.tls.mode: plain text is refused in namespace default, whose mTLS is STRICT",
        );
    });

    it("allows it where that namespace is PERMISSIVE, and allows ISTIO_MUTUAL anywhere", () => {
        parseEnvironment({
            profile: "production",
            security: { mtls: { mode: "STRICT", namespaces: { default: { mode: "PERMISSIVE" } } } },
            services: orders({ mode: "DISABLE" }),
        });
        parseEnvironment({ profile: "production", services: orders({ mode: "ISTIO_MUTUAL" }) });
    });
});
