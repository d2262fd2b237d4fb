import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { identities } from "./helpers/urns";
import { environmentOf, ProgramRun, PROJECT_ROOT, Registered, runStack, SHIPPED_STACKS, shippedStackRuns } from "./helpers/mock-program";
import { URN_LAYOUT } from "../stacks/version-history";

/**
 * The shipped stacks' resource identities. A URN a deployed stack holds that
 * the program no longer registers, and no alias answers to, makes the engine
 * delete the live object and create a new one (for the mesh CA: the
 * cert-manager namespace, and a Helm "name in use" on the way back).
 */
const URN_LIST = path.join(PROJECT_ROOT, "test/shipped-stacks.urns");

function committed(): Map<string, string[]> {
    const byStack = new Map<string, string[]>();
    for (const line of fs.readFileSync(URN_LIST, "utf8").split("\n")) {
        if (!line.trim() || line.startsWith("#")) continue;
        const [stack, urn] = line.split(" ");
        byStack.set(stack, [...(byStack.get(stack) ?? []), urn]);
    }
    return byStack;
}

/** Listed URNs that neither a registration nor an alias answers to, and registrations not listed. */
export function urnDrift(listed: string[], resources: readonly Registered[]) {
    const { urns, aliases } = identities(resources);
    const current = new Set(urns.values());
    const answered = new Set([...current, ...[...aliases.values()].flat()]);
    return {
        lost: listed.filter((u) => !answered.has(u)),
        unlisted: [...current].filter((u) => !listed.includes(u)).sort(),
    };
}

describe("shipped stacks under mocks", () => {
    const runs = shippedStackRuns();
    // Each stack as its next update sees it when this program last updated it before layout 2: its
    // outputs then had an istioVersion and no urnLayout. The list holds the URNs of that time.
    const deployedBefore: Record<string, ProgramRun> = {};
    before(async () => {
        for (const stack of SHIPPED_STACKS) deployedBefore[stack] = await runStack(stack, PROJECT_ROOT, { istioVersion: environmentOf(stack).istio.version });
    });

    for (const stack of SHIPPED_STACKS) {
        it(`${stack}: every URN in test/shipped-stacks.urns is still registered or answered by an alias, and nothing is unlisted`, () => {
            const { lost, unlisted } = urnDrift(committed().get(stack) ?? [], deployedBefore[stack].resources);
            assert.deepEqual(lost, [], `${stack}: resources renamed without an alias would be replaced:\n${lost.join("\n")}`);
            assert.deepEqual(unlisted, [], `${stack}: new URNs; add them to test/shipped-stacks.urns:\n${unlisted.map((u) => `${stack} ${u}`).join("\n")}`);
        });

        it(`${stack}: registers without warnings (a preview shows none)`, async () => {
            const warnings: string[] = [];
            const warn = console.warn;
            const error = console.error;
            console.warn = console.error = (...args: unknown[]) => void warnings.push(args.join(" "));
            try {
                await runStack(stack);
            } finally {
                console.warn = warn;
                console.error = error;
            }
            assert.deepEqual(warnings, []);
        });
    }

    it("prod answers for the mesh CA deployed at the top level as mesh-ca, and only through the alias", () => {
        const old = (committed().get("prod") ?? []).filter((u) => /::mesh-ca(-|$)/.test(u));
        assert.ok(old.length >= 5, "the list keeps the pre-IstioMesh CA's URNs");
        assert.deepEqual(urnDrift(old, runs.prod.resources).lost, []);
        const withoutAliases = runs.prod.resources.map((r) => ({ ...r, aliases: [] }));
        assert.deepEqual(urnDrift(old, withoutAliases).lost, old, "without the alias every one of them would be replaced");
    });

    for (const stack of SHIPPED_STACKS) {
        it(`${stack}: each service's objects under MeshService answer as MeshServices' children, each through its own alias`, () => {
            const old = (committed().get(stack) ?? []).filter((u) => u.includes("::istio-mesh:traffic:MeshService$"));
            assert.ok(old.length >= 4, "the list keeps the URNs under MeshService");
            const { urns, aliases } = identities(deployedBefore[stack].resources);
            for (const urn of old) {
                const moved = urn.replace("::istio-mesh:traffic:MeshService$", "::istio-mesh:traffic:MeshServices$");
                const now = [...urns].find(([, engineUrn]) => engineUrn === moved)?.[0];
                assert.ok(now, `${moved} is registered`);
                assert.deepEqual(aliases.get(now), [urn], `${moved} answers to ${urn}`);
            }
            const withoutAliases = deployedBefore[stack].resources.map((r) => ({ ...r, aliases: [] }));
            assert.deepEqual(urnDrift(old, withoutAliases).lost, old, "without the aliases every one of them would be replaced");
        });

        it(`${stack}: a new stack, or one updated at layout ${URN_LAYOUT}, registers the same URNs without those aliases, and outputs its layout`, async () => {
            const atLayout = await runStack(stack, PROJECT_ROOT, { istioVersion: environmentOf(stack).istio.version, urnLayout: URN_LAYOUT });
            for (const run of [runs[stack], atLayout]) {
                const services = run.resources.filter((r) => r.parent.includes("::istio-mesh:traffic:MeshServices::"));
                assert.ok(services.length >= 4, `${services.length} objects under MeshServices`);
                assert.deepEqual(services.filter((r) => r.aliases.length > 0).map((r) => r.urn), []);
                const urns = (r: ProgramRun) => r.resources.map((x) => x.urn).sort();
                assert.deepEqual(urns(run), urns(deployedBefore[stack]));
                assert.equal(run.outputs.urnLayout, URN_LAYOUT);
            }
        });
    }

    it("catches a component child renamed without an alias", () => {
        const listed = committed().get("prod") ?? [];
        const renamed = runs.prod.resources.map((r) => (r.name === "istio-ca-cert-manager" ? { ...r, name: "istio-ca-certmanager" } : r));
        const { lost, unlisted } = urnDrift(listed, renamed);
        assert.ok(lost.some((u) => u.endsWith("::istio-ca-cert-manager")), lost.join("\n"));
        assert.ok(unlisted.some((u) => u.endsWith("::istio-ca-certmanager")));
    });
});
