import { strict as assert } from "assert";
import { isDeepStrictEqual } from "util";
import { applyCommands, UPGRADE_STEPS } from "../e2e/upgrade-steps";
import { named, ofType, ProgramRun, readStackFile, Registered, runProgram } from "./helpers/mock-program";

/**
 * Upgrades and protection as the program asks for them, under mocks: the
 * canary steps' charts and labels, an in-place patch upgrade that changes
 * nothing but chart versions, in order, and what production protects.
 */

const CHART = "kubernetes:helm.sh/v4:Chart";

function chart(run: ProgramRun, name: string): Registered {
    const found = ofType(run, CHART).find((r) => r.name === name);
    assert.ok(found, `chart ${name} is registered (have ${ofType(run, CHART).map((c) => c.name).join(", ")})`);
    return found;
}

const istioCharts = (run: ProgramRun) => ofType(run, CHART).filter((c) => c.parent === named(run, "istio").urn);

describe("canary upgrade under mocks", () => {
    const runs: ProgramRun[] = [];
    before(async function () {
        this.timeout(240000);
        let config = readStackFile("dev") as Record<string, unknown>;
        for (const step of UPGRADE_STEPS) {
            config = applyCommands(config, step.commands);
            runs.push(await runProgram(config, "dev"));
        }
    });

    UPGRADE_STEPS.forEach((step, i) => {
        it(`${step.name}: one istiod Release per revision at its version, tags on the chart of their revision`, () => {
            const run = runs[i];
            const istiods = istioCharts(run).filter((c) => c.inputs.chart === "istiod");
            assert.deepEqual(istiods.map((c) => c.inputs.name).sort(), step.expect.istiods);
            const tags: Record<string, string> = {};
            for (const c of istiods) {
                assert.equal(c.inputs.version, c.inputs.values.revision.replace(/-/g, "."), `${c.name} runs its revision's version`);
                // One prefix for every istiod chart: a tag's objects keep their URN when the tag moves.
                assert.equal(c.inputs.resourcePrefix, "istio-istiod");
                for (const tag of c.inputs.values.revisionTags ?? []) tags[tag] = `istiod-${c.inputs.values.revision}`;
            }
            assert.deepEqual(tags, step.expect.tags);
            const base = chart(run, "istio-base");
            assert.equal(base.inputs.version, step.expect.crdVersion);
            for (const c of istiods) assert.ok(c.dependencies.includes(base.urn), `${c.name} waits for the CRDs`);
            const gateway = chart(run, "istio-gateway");
            assert.deepEqual([gateway.inputs.values.revision, gateway.inputs.version], [step.expect.gateway.revision, step.expect.gateway.version]);
            for (const [ns, revision] of Object.entries(step.expect.namespaces)) {
                const labelled = run.resources.find((r) => r.type.startsWith("kubernetes:core/v1:Namespace") && r.inputs.metadata?.name === ns);
                assert.deepEqual(labelled?.inputs.metadata.labels, { "istio.io/rev": revision }, ns);
            }
        });
    });

    it("keeps the Istio objects' inputs from step to step: an upgrade step changes only the control plane and labels", () => {
        const istioObjects = (run: ProgramRun) => run.resources.filter((r) => /^kubernetes:(networking|security|telemetry)\.istio\.io\//.test(r.type))
            .map((r) => [r.urn, r.inputs] as const);
        for (let i = 1; i < runs.length; i++) assert.deepEqual(istioObjects(runs[i]), istioObjects(runs[0]), UPGRADE_STEPS[i].name);
    });
});

describe("in-place patch upgrade under mocks", () => {
    it("changes only the Istio charts' versions (base, istiod, gateway), which stay ordered base -> istiod -> gateway", async function () {
        this.timeout(120000);
        const prod = readStackFile("prod") as Record<string, any>;
        const [before, after] = [
            await runProgram({ ...prod, "istio-mesh:istio": { ...prod["istio-mesh:istio"], version: "1.30.2" } }, "prod"),
            await runProgram(prod, "prod"),
        ];
        const byUrn = new Map(before.resources.map((r) => [r.urn, r]));
        // Kiali's signing key is drawn anew by every run under mocks (the engine keeps it in state).
        const changed = after.resources.filter((r) => !isDeepStrictEqual(byUrn.get(r.urn)?.inputs, r.inputs) && r.name !== "observability-kiali-signing-key");
        assert.deepEqual(changed.map((r) => r.name).sort(), ["istio-base", "istio-gateway", "istio-istiod"]);
        for (const r of changed) {
            assert.deepEqual({ ...byUrn.get(r.urn)!.inputs, version: r.inputs.version }, r.inputs, `${r.name}: only the version differs`);
            assert.deepEqual([byUrn.get(r.urn)!.inputs.version, r.inputs.version], ["1.30.2", "1.30.3"]);
        }
        assert.ok(chart(after, "istio-istiod").dependencies.includes(chart(after, "istio-base").urn), "istiod after base");
        assert.ok(chart(after, "istio-gateway").dependencies.includes(chart(after, "istio-istiod").urn), "gateway after istiod");
    });
});

describe("the egress gateway in a canary upgrade under mocks", () => {
    const config = (egressRevision: string) => ({
        "istio-mesh:profile": "demo",
        "istio-mesh:demo": { enabled: false },
        "istio-mesh:istio": {
            version: "1.30.3",
            revisions: [{ name: "1-29-6", version: "1.29.6" }, { name: "1-30-3", version: "1.30.3" }],
            revisionTags: { "prod-stable": "1-29-6" },
            gateway: { revision: "1-29-6" },
            egressGateway: { enabled: true, revision: egressRevision },
        },
    });

    it("runs the chart of the revision (or tag) it names, like the ingress gateway, and moves with its own step", async function () {
        this.timeout(120000);
        const onTag = await runProgram(config("prod-stable"));
        const egress = chart(onTag, "istio-egressgateway");
        assert.deepEqual([egress.inputs.values.revision, egress.inputs.version], ["prod-stable", "1.29.6"]);
        const moved = await runProgram(config("1-30-3"));
        assert.deepEqual([chart(moved, "istio-egressgateway").inputs.values.revision, chart(moved, "istio-egressgateway").inputs.version], ["1-30-3", "1.30.3"]);
        // Moving the egress gateway leaves the ingress gateway where it is.
        assert.deepEqual(chart(moved, "istio-gateway").inputs.version, chart(onTag, "istio-gateway").inputs.version);
    });
});

describe("protected production", () => {
    const guarded = ["istio-base", "istio-istiod", "istio-istio-system", "istio-ca"];
    // Each chart's objects inherit it from the chart, which only the real engine shows (the e2e's up checks it).
    it("protects the CRDs, istiod, the control plane namespace and the mesh CA in prod", async function () {
        this.timeout(120000);
        const run = await runProgram(readStackFile("prod"), "prod");
        for (const name of guarded) assert.equal(named(run, name).protect, true, name);
        assert.equal(chart(run, "istio-gateway").protect, false, "the gateway is not the control plane");
        // The CRDs' retention is the one transform: nothing else makes a round trip per chart object.
        assert.deepEqual(run.resources.filter((r) => r.transforms.length > 0).map((r) => [r.name, r.transforms.length]), [["istio-base", 1]]);
    });

    it("protects nothing in dev, nor in prod once istio.protect is lifted for an uninstall", async function () {
        this.timeout(120000);
        const dev = await runProgram(readStackFile("dev"), "dev");
        assert.deepEqual(dev.resources.filter((r) => r.protect).map((r) => r.name), []);
        const prod = readStackFile("prod") as Record<string, any>;
        const lifted = await runProgram({ ...prod, "istio-mesh:istio": { ...prod["istio-mesh:istio"], protect: false } }, "prod");
        assert.deepEqual(lifted.resources.filter((r) => r.protect).map((r) => r.name), []);
    });
});
