import { strict as assert } from "assert";
import fc from "fast-check";
import { ConfigError } from "../stacks/errors";
import { parseEnvironment } from "../stacks/load";
import { configProblems as problemsOf } from "./helpers/problems";

describe("observability configuration", () => {
    it("fills every observability setting from the profile", () => {
        const demo = parseEnvironment({ profile: "demo" }).observability;
        assert.equal(demo.tracing.randomSamplingPercentage, 100);
        assert.equal(demo.jaeger.storage.type, "memory");
        assert.equal(demo.kiali.auth.strategy, "anonymous");
        const production = parseEnvironment({ profile: "production" }).observability;
        assert.equal(production.tracing.randomSamplingPercentage, 1);
        assert.notEqual(production.jaeger.storage.type, "memory");
        assert.equal(production.kiali.auth.strategy, "token");
        assert.equal(production.kiali.allowAnonymous, false);
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
        ["sampling over 100", { profile: "demo", observability: { tracing: { randomSamplingPercentage: 150 } } },
            "istio-mesh:observability.tracing.randomSamplingPercentage: expected a percentage from 0 to 100, got 150"],
        ["sampling given as text", { profile: "demo", observability: { tracing: { randomSamplingPercentage: "10%" } } },
            `istio-mesh:observability.tracing.randomSamplingPercentage: expected a percentage from 0 to 100, got "10%"`],
        ["an unknown Kiali auth strategy", { profile: "production", observability: { kiali: { auth: { strategy: "ldap" } } } },
            `istio-mesh:observability.kiali.auth.strategy: expected one of "anonymous", "token", "openid", "header", got "ldap"`],
        ["a proxy CPU with a space", { profile: "demo", observability: { proxy: { resources: { requests: { cpu: "100 m" } } } } },
            `istio-mesh:observability.proxy.resources.requests.cpu: expected a Kubernetes quantity such as 100m, 0.5, 128Mi or 1Gi, got "100 m"`],
        ["anonymous Kiali in production", { profile: "production", observability: { kiali: { auth: { strategy: "anonymous" } } } },
            `istio-mesh:observability.kiali.auth.strategy: anonymous access is not allowed here (kiali.allowAnonymous is false, as in the production profile); use token or openid, got "anonymous"`],
        ["openid without its settings", { profile: "production", observability: { kiali: { auth: { strategy: "openid" } } } },
            "istio-mesh:observability.kiali.auth.openid: the openid strategy needs openid.client_id and openid.issuer_uri"],
        ["a Jaeger backend without its settings", { profile: "production", observability: { jaeger: { storage: { type: "cassandra" } } } },
            `istio-mesh:observability.jaeger.storage.type: storage type cassandra needs its settings block, got "cassandra"`],
        ["an unknown Jaeger backend", { profile: "production", observability: { jaeger: { storage: { type: "s3" } } } },
            `istio-mesh:observability.jaeger.storage.type: expected one of "memory", "badger", "elasticsearch", "opensearch", "cassandra", got "s3"`],
        ["an Elasticsearch URL that is not one", { profile: "production", observability: { jaeger: { storage: { type: "elasticsearch", elasticsearch: { server_urls: ["es:9200"] } } } } },
            "istio-mesh:observability.jaeger.storage.elasticsearch.server_urls[0]: expected an http(s) URL such as http://elasticsearch:9200, got \"es:9200\""],
        ["tracing without Jaeger", { profile: "demo", observability: { jaeger: { enabled: false } } },
            "istio-mesh:observability.tracing.enabled: tracing sends spans to the Jaeger addon"],
        ["Kiali without Prometheus", { profile: "demo", observability: { prometheus: { enabled: false } } },
            "istio-mesh:observability.kiali.enabled: Kiali builds its graph from Prometheus"],
        ["a signing key of the wrong length", { profile: "production", observability: { kiali: { signingKey: "short" } } },
            `istio-mesh:observability.kiali.signingKey: expected 16, 24 or 32 characters, or secret:<Secret name>:<key>, got "short"`],
        ["a signing key Secret reference without its key", { profile: "production", observability: { kiali: { signingKey: "secret:kiali" } } },
            "istio-mesh:observability.kiali.signingKey: expected 16, 24 or 32 characters, or secret:<Secret name>:<key>"],
        ["a misspelt observability key", { profile: "demo", observability: { kialli: {} } },
            "istio-mesh:observability.kialli: unknown key; allowed here: tracing, proxy, prometheus, jaeger, kiali"],
    ];
    for (const [what, config, message] of bad) {
        it(`rejects ${what}, naming the key`, () => {
            const problems = problemsOf(config);
            assert.ok(problems.some((p) => p.startsWith(message)), `no problem starts with:\n  ${message}\ngot:\n  ${problems.join("\n  ")}`);
        });
    }

    it("property: production never ends up with anonymous Kiali unless the stack opts in explicitly", () => {
        fc.assert(fc.property(
            fc.constantFrom("anonymous", "token", "header"),
            fc.option(fc.boolean(), { nil: undefined }),
            (strategy, allowAnonymous) => {
                const kiali = { auth: { strategy }, ...(allowAnonymous === undefined ? {} : { allowAnonymous }) };
                let env;
                try {
                    env = parseEnvironment({ profile: "production", observability: { kiali } });
                } catch (err) {
                    assert.ok(err instanceof ConfigError);
                    assert.equal(strategy, "anonymous");
                    return;
                }
                assert.ok(env.observability.kiali.auth.strategy !== "anonymous" || allowAnonymous === true);
            },
        ));
    });
});
