import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import * as api from "../components/index";
import { DemoWorkloads } from "../components/demo";
import { ArgsError } from "../components/common/parse-args";
import { runProgram } from "./helpers/mock-program";

/**
 * Every component words a bad argument the same way: one ArgsError whose
 * lines start with the component's type token and name, then the argument's
 * path, what is allowed and what was given, with the closest key for a typo.
 */

type ComponentClass = new (name: string, args: never, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource;

const TOKENS: Record<string, [ComponentClass, string]> = {
    IstioMesh: [api.IstioMesh, "istio-mesh:mesh:IstioMesh"],
    MeshNamespace: [api.MeshNamespace, "istio-mesh:mesh:MeshNamespace"],
    MeshService: [api.MeshService, "istio-mesh:traffic:MeshService"],
    MeshMtls: [api.MeshMtls, "istio-mesh:security:MeshMtls"],
    MeshAuthorization: [api.MeshAuthorization, "istio-mesh:security:MeshAuthorization"],
    MeshCertificateAuthority: [api.MeshCertificateAuthority, "istio-mesh:security:MeshCertificateAuthority"],
    ObservabilityAddons: [api.ObservabilityAddons, "istio-mesh:observability:ObservabilityAddons"],
    MeshTracing: [api.MeshTracing, "istio-mesh:observability:MeshTracing"],
    MeshEgress: [api.MeshEgress, "istio-mesh:egress:MeshEgress"],
    MeshIngress: [api.MeshIngress, "istio-mesh:ingress:MeshIngress"],
    DemoWorkloads: [DemoWorkloads as ComponentClass, "istio-mesh:demo:DemoWorkloads"],
};

// The ArgsError `construct` throws under mocks (the test fails on anything else).
async function argsError(construct: () => unknown): Promise<ArgsError> {
    let error: unknown;
    await runProgram({}, "component-errors", [], async () => {
        try {
            construct();
        } catch (e) {
            error = e;
        }
        return {};
    });
    assert.ok(error instanceof ArgsError, `an ArgsError, not ${String(error)}`);
    return error;
}

describe("component argument errors read alike", () => {
    for (const [name, [Component, token]] of Object.entries(TOKENS)) {
        it(`${name}: an argument it does not have (JavaScript, another language) is named, with the allowed keys and the closest one`, async () => {
            const error = await argsError(() => new Component("x", { namespace: "default", gatway: {} } as never));
            const line = error.message.split("\n").find((l) => l.includes("gatway"));
            assert.ok(line, error.message);
            assert.ok(line.startsWith(`${token} "x": gatway: unknown key; allowed here: `), line);
            // Where the component has a gateway argument, the typo is matched to it.
            const gateway = / (gateways?)[,;]/.exec(line.slice(line.indexOf("allowed here:")))?.[1];
            if (gateway) assert.ok(line.endsWith(`; did you mean ${gateway}?`), line);
            else assert.ok(!line.includes("did you mean"), line);
        });
    }

    it("a builder's error inside a component comes under the component's name", async () => {
        const error = await argsError(() => new api.MeshAuthorization("authz", {
            policies: { p: { namespace: "default", selector: { matchLabels: { app: "a" } }, rules: [{ to: [{ operation: { methods: ["get"] } }] }] } },
        } as never));
        assert.match(error.message, /^istio-mesh:security:MeshAuthorization "authz": AuthorizationPolicy default\/p: rules\[0\]\.to\[0\]\.operation\.methods\[0\]: /);
    });

    it("a rule across arguments is an ArgsError naming the component and the argument", async () => {
        const error = await argsError(() => new api.ObservabilityAddons("obs", { namespace: "istio-system", kiali: {} } as never));
        assert.equal(error.message, 'istio-mesh:observability:ObservabilityAddons "obs": kiali: needs prometheus (its graph is built from Prometheus metrics)');
    });
});
