import { strict as assert } from "assert";
import { MeshAuthorization, MeshAuthorizationArgs } from "../components/index";
import { Registered, runProgram } from "./helpers/mock-program";
import { registrationTurns } from "./helpers/turn-counter";

/** MeshAuthorization.create: the constructor's objects, registered a few per event-loop turn. */

const TYPE = "istio-mesh:security:MeshAuthorization";

// 25 policies in three namespaces, two of them deny-by-default: more than two turns' worth.
const ARGS: MeshAuthorizationArgs = {
    denyByDefault: ["team-0", "team-1"],
    policies: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`svc-${i}`, {
        namespace: `team-${i % 3}`,
        selector: { matchLabels: { app: `svc-${i}` } },
        rules: [{ callers: [{ serviceAccount: "api-gateway" }], to: [{ operation: { methods: ["GET"] } }] }],
    }])),
};

const children = (resources: Registered[]) => resources
    .filter((r) => r.parent.includes(`::${TYPE}::`))
    .map((r) => ({ type: r.type, name: r.name, parent: r.parent, inputs: r.inputs, dependencies: r.dependencies }))
    .sort((a, b) => a.name.localeCompare(b.name));

describe("MeshAuthorization.create (objects registered a few per turn)", () => {
    it("registers the objects the constructor registers, with the same names, parent, inputs and dependencies", async () => {
        const built = await runProgram({}, "authz-create", [], async () => {
            new MeshAuthorization("authz", ARGS);
            return {};
        });
        const created = await runProgram({}, "authz-create", [], async () => {
            await MeshAuthorization.create("authz", ARGS);
            return {};
        });
        assert.equal(children(built.resources).length, 27);
        assert.deepEqual(children(created.resources), children(built.resources));
    });

    const turnsOf = (program: () => Promise<unknown>) => registrationTurns((resources) => runProgram({}, "authz-create", resources, async () => {
        await program();
        return {};
    }), (r) => r.parent.includes(`::${TYPE}::`));

    it("spreads the registrations over turns, ten objects a turn, where the constructor's all arrive in one", async () => {
        const created = await turnsOf(() => MeshAuthorization.create("authz", ARGS));
        assert.ok(created.size >= 3, `27 objects registered in turns ${[...created].join(", ")}`);
        const built = await turnsOf(async () => new MeshAuthorization("authz", ARGS));
        assert.equal(built.size, 1, `turns ${[...built].join(", ")}`);
    });

    it("lists the objects of a namespace (objectsIn), as the constructor does", async () => {
        await runProgram({}, "authz-create", [], async () => {
            const authz = await MeshAuthorization.create("authz", ARGS);
            const names = await Promise.all(authz.objectsIn("team-0").map((r) => new Promise((resolve) => r.urn.apply(resolve))));
            // allow-nothing and the nine policies svc-0, svc-3, ..., svc-24.
            assert.equal(names.length, 10);
            assert.ok(names.every((urn) => String(urn).includes("authz-team-0-")), names.join("\n"));
            return {};
        });
    });

    it("rejects bad input with the constructor's error and registers nothing", async () => {
        const resources: Registered[] = [];
        let error: unknown;
        await runProgram({}, "authz-create", resources, async () => {
            const args = { ...ARGS, policies: { ...ARGS.policies, p: { namespace: "default", selector: { matchLabels: { app: "a" } }, rules: [{ to: [{ operation: { methods: ["get"] } }] }] } } };
            error = await MeshAuthorization.create("authz", args as never).then(() => undefined, (e: unknown) => e);
            return {};
        });
        assert.match(String(error), /istio-mesh:security:MeshAuthorization "authz": AuthorizationPolicy default\/p: rules\[0\]\.to\[0\]\.operation\.methods\[0\]: /);
        assert.deepEqual(children(resources), []);
    });

    it("leaves the arguments as they were: the constructor, given the same object afterwards, registers its objects", async () => {
        const args: MeshAuthorizationArgs = { ...ARGS };
        const run = await runProgram({}, "authz-create", [], async () => {
            await MeshAuthorization.create("authz", args);
            new MeshAuthorization("authz-again", args);
            return {};
        });
        assert.equal(children(run.resources).filter((r) => r.parent.endsWith("::authz-again")).length, 27);
        assert.deepEqual(Object.keys(args).sort(), ["denyByDefault", "policies"]);
    });
});
