import { strict as assert } from "assert";
import { parseEnvironment } from "../stacks/load";
import { ownConfig } from "../stacks/load";
import { readStackFile } from "./helpers/mock-program";
import { applyCommands, UPGRADE_STEPS } from "../e2e/upgrade-steps";
import { assertProblem, configProblems } from "./helpers/problems";
import { versionChangeProblems } from "../stacks/version-history";

/**
 * The guards of a canary upgrade in the stack config: each refuses a config
 * that breaks the mesh, naming the key; and every step of the documented
 * (and end-to-end tested) upgrade path is a config they accept.
 */

const revisions = [{ name: "1-29-6", version: "1.29.6" }, { name: "1-30-3", version: "1.30.3" }];
const canary = (istio: Record<string, unknown> = {}, namespaces: Record<string, unknown> = { shop: { revision: "prod-stable" } }) => ({
    profile: "demo",
    istio: { version: "1.30.3", revisions, revisionTags: { "prod-stable": "1-29-6", "prod-canary": "1-30-3" }, gateway: { revision: "1-29-6" }, ...istio },
    namespaces,
});

describe("canary upgrade config", () => {
    it("accepts two revisions with tags, namespaces on a tag or a revision, and the gateway on a revision", () => {
        const env = parseEnvironment(canary({}, { shop: { revision: "prod-stable" }, cart: { revision: "1-30-3" } }));
        assert.deepEqual(env.istio.revisions, revisions);
        assert.equal(env.namespaces.cart.revision, "1-30-3");
    });

    it("accepts every step of the upgrade path (e2e/upgrade-steps.ts), from the dev stack", () => {
        let config = readStackFile("dev") as Record<string, unknown>;
        for (const step of UPGRADE_STEPS) {
            config = applyCommands(config, step.commands);
            const env = parseEnvironment(ownConfig(config));
            assert.deepEqual(env.istio.revisions.map((r) => `istiod-${r.name}`), step.expect.istiods, step.name);
        }
    });

    const bad: Array<[string, Record<string, unknown>, string]> = [
        ["a namespace on a revision that does not exist (or was removed)", canary({}, { shop: { revision: "1-28-0" } }),
            "istio-mesh:namespaces.shop.revision: 1-28-0 is neither a revision nor a tag of this mesh (known: 1-29-6, 1-30-3, prod-stable, prod-canary)"],
        ["removing a revision a tag still points at", canary({ revisions: [revisions[1]] }),
            "istio-mesh:istio.revisionTags.prod-stable: tag prod-stable points at 1-29-6, which is not in revisions (1-30-3)"],
        ["removing the revision the gateway runs on", canary({ revisions: [revisions[1]], revisionTags: {} }),
            "istio-mesh:istio.gateway.revision: 1-29-6 is neither a revision nor a tag of this mesh (known: 1-30-3)"],
        ["CRDs older than a revision (a new istiod before its CRDs)", canary({ version: "1.29.6" }),
            "istio-mesh:istio.version: the CRDs (base chart 1.29.6) are older than revision 1-30-3 (1.30.3)"],
        ["a canary across more than two minor versions", canary({ revisions: [{ name: "1-27-0", version: "1.27.0" }, revisions[1]], revisionTags: {}, gateway: { revision: "1-30-3" } }, {}),
            "istio-mesh:istio.revisions: versions 1.27.0 and 1.30.3 are more than 2 minor versions apart"],
        ["a revision called default beside a default tag", canary({ revisions: [{ name: "default", version: "1.30.3" }, revisions[1]], revisionTags: { default: "1-30-3" } }, {}),
            "istio-mesh:istio.revisions[0].name: a revision may not be called default"],
        ["a revision listed twice", canary({ revisions: [revisions[1], revisions[1]], revisionTags: {}, gateway: { revision: "1-30-3" } }, {}),
            "istio-mesh:istio.revisions[1].name: revision 1-30-3 is listed twice"],
        ["a tag named like a revision", canary({ revisionTags: { "1-29-6": "1-30-3" } }, {}),
            "istio-mesh:istio.revisionTags.1-29-6: 1-29-6 is both a revision and a tag"],
        ["revision next to revisions", canary({ revision: "1-30-3" }, {}),
            "istio-mesh:istio.revision: revision and revisions exclude each other"],
        ["an unlabelled namespace without a default tag", canary({}, { shop: {} }),
            "istio-mesh:namespaces.shop.revision: with revisions, a namespace names the revision or tag that injects it"],
        ["a gateway with no revision and no default tag", canary({ gateway: {} }, {}),
            "istio-mesh:istio.gateway.revision: with revisions, the gateway needs a revision or tag"],
        ["an egress gateway with no revision and no default tag", canary({ egressGateway: { enabled: true } }, {}),
            "istio-mesh:istio.egressGateway.revision: with revisions, the gateway needs a revision or tag"],
        ["an egress gateway on a revision that does not exist", canary({ egressGateway: { enabled: true, revision: "1-28-0" } }, {}),
            "istio-mesh:istio.egressGateway.revision: 1-28-0 is neither a revision nor a tag of this mesh"],
        ["an egress gateway on another revision than the mesh's one", { profile: "demo", istio: { egressGateway: { enabled: true, revision: "1-29-6" } } },
            "istio-mesh:istio.egressGateway.revision: 1-29-6 is not the revision of this mesh (none)"],
        ["tags without revisions", { profile: "demo", istio: { revisionTags: { stable: "1-30-3" } } },
            "istio-mesh:istio.revisionTags: revision tags need revisions to point at"],
        ["a namespace on a revision a single-revision mesh lacks", { profile: "demo", istio: { revision: "1-30-3" }, namespaces: { shop: { revision: "1-29-6" } } },
            "istio-mesh:namespaces.shop.revision: 1-29-6 is neither a revision nor a tag"],
        ["a gateway on another revision than the mesh's one", { profile: "demo", istio: { gateway: { revision: "1-29-6" } } },
            "istio-mesh:istio.gateway.revision: 1-29-6 is not the revision of this mesh (none)"],
    ];
    for (const [what, config, message] of bad) {
        it(`rejects ${what}, naming the key`, () => assertProblem(configProblems(config), message));
    }

    it("accepts unlabelled namespaces and an untagged gateway when a default tag serves them", () => {
        parseEnvironment(canary({ revisionTags: { default: "1-29-6" }, gateway: {} }, { shop: {} }));
    });
});

describe("version changes against the last deployment", () => {
    const env = (version: string, revisions: Array<{ name: string; version: string }> = []) =>
        parseEnvironment({ profile: "demo", istio: { version, revisions, ...(revisions.length ? { revisionTags: { default: revisions[0].name } } : {}) } });

    it("accepts a first deployment, a patch upgrade, one minor in place, and a canary that keeps the CRDs", () => {
        assert.deepEqual(versionChangeProblems({}, env("1.30.3")), []);
        assert.deepEqual(versionChangeProblems({ istioVersion: "1.30.2" }, env("1.30.3")), []);
        assert.deepEqual(versionChangeProblems({ istioVersion: "1.29.6" }, env("1.30.3")), []);
        assert.deepEqual(versionChangeProblems({ istioVersion: "1.28.1", revisions: ["1-28-1"] },
            env("1.30.3", [{ name: "1-28-1", version: "1.28.1" }, { name: "1-30-3", version: "1.30.3" }])), []);
    });

    it("refuses an in-place upgrade that skips a minor version, naming the key", () => {
        const [p] = versionChangeProblems({ istioVersion: "1.28.1" }, env("1.30.3"));
        assert.deepEqual(p.path, ["istio", "version"]);
        assert.match(p.message, /upgrading in place from 1\.28\.1 to 1\.30\.3 skips 1 minor version\(s\); Istio supports one minor version in place/);
    });

    it("refuses a CRD downgrade, as a rollback that removes the new revision and lowers istio.version would do", () => {
        const [p] = versionChangeProblems({ istioVersion: "1.30.3", revisions: ["1-29-6", "1-30-3"] }, env("1.29.6", [{ name: "1-29-6", version: "1.29.6" }]));
        assert.match(p.message, /1\.29\.6 is older than the CRDs deployed \(1\.30\.3\): a CRD downgrade/);
        assert.match(versionChangeProblems({ istioVersion: "1.30.3" }, env("1.30.2"))[0].message, /older than the CRDs deployed/);
    });
});
