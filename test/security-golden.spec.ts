import { strict as assert } from "assert";
import { authorizationPolicy } from "../components/security/authorization-policy";
import { defaultPeerAuthentication } from "../components/security/peer-authentication";
import { ofType, ProgramRun, runStack } from "./helpers/mock-program";
import { skipWithoutSeed } from "./helpers/seed";
import { seedObject } from "./helpers/seed-yaml";

// What a CustomResource hands the engine: exactly the object a user would apply.
function registeredObjects(run: ProgramRun, kind: string) {
    return ofType(run, `kubernetes:security.istio.io/v1:${kind}`).map((r) => r.inputs);
}

describe("the seed's security snippets", () => {
    before(function () {
        skipWithoutSeed(this);
    });
    let dev: ProgramRun;
    before(async () => {
        dev = await runStack("dev");
    });

    it("the dev stack registers the seed's mesh-wide PeerAuthentication exactly", () => {
        assert.deepEqual(registeredObjects(dev, "PeerAuthentication"), [seedObject("PeerAuthentication", "default")]);
    });

    it("the dev stack registers the seed's orders-policy exactly", () => {
        assert.deepEqual(registeredObjects(dev, "AuthorizationPolicy"), [seedObject("AuthorizationPolicy", "orders-policy")]);
    });

    it("the builders produce them from their arguments", () => {
        assert.deepEqual(defaultPeerAuthentication("istio-system", "STRICT"), seedObject("PeerAuthentication", "default"));
        const policy = authorizationPolicy("orders-policy", {
            namespace: "default",
            selector: { matchLabels: { app: "orders" } },
            rules: [{
                from: [{ source: { principals: ["cluster.local/ns/default/sa/api-gateway"] } }],
                to: [{ operation: { methods: ["GET", "POST"], paths: ["/orders/*"] } }],
            }],
        });
        assert.deepEqual(policy, seedObject("AuthorizationPolicy", "orders-policy"));
    });
});
