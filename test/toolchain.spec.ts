import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PROJECT_ROOT } from "./helpers/mock-program";

// The e2e toolchain's pins live in versions.env; each wrapper module must build exactly those.
const TOOLCHAIN = path.join(PROJECT_ROOT, "scripts", "toolchain");
const pins = Object.fromEntries(fs.readFileSync(path.join(TOOLCHAIN, "versions.env"), "utf8")
    .split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => l.split("=") as [string, string]));

function required(wrapper: string, module: string): string | undefined {
    const goMod = fs.readFileSync(path.join(TOOLCHAIN, wrapper, "go.mod"), "utf8");
    return new RegExp(`^\\s*(?:require\\s+)?${module.replace(/\./g, "\\.")} (v\\S+)`, "m").exec(goMod)?.[1];
}

function npmVersion(pkg: string): string {
    return JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).dependencies[pkg];
}

describe("e2e toolchain pins", () => {
    const cases: Array<[string, string, string]> = [
        ["pulumi", "github.com/pulumi/pulumi/pkg/v3", `v${pins.PULUMI_VERSION}`],
        ["pulumi-language-nodejs", "github.com/pulumi/pulumi/sdk/v3", `v${pins.PULUMI_VERSION}`],
        ["kubernetes-provider", "github.com/pulumi/pulumi-kubernetes/provider/v4", pins.PULUMI_KUBERNETES_MODULE],
        ["kubernetes", "k8s.io/kubernetes", `v${pins.KUBERNETES_VERSION}`],
        ["kubernetes", "k8s.io/apiserver", `v0.${pins.KUBERNETES_VERSION.split(".").slice(1).join(".")}`],
        ["etcd", "go.etcd.io/etcd/server/v3", `v${pins.ETCD_VERSION}`],
        ["kwok", "sigs.k8s.io/kwok", `v${pins.KWOK_VERSION}`],
        ["helm", "helm.sh/helm/v3", `v${pins.HELM_VERSION}`],
        ["istioctl", "istio.io/istio", pins.ISTIOCTL_MODULE],
    ];
    for (const [wrapper, module, version] of cases) {
        it(`${wrapper} builds ${module} ${version}`, () => assert.equal(required(wrapper, module), version));
    }

    it("the Kubernetes provider is exactly the @pulumi/kubernetes the program uses", () => {
        assert.equal(npmVersion("@pulumi/kubernetes"), pins.PULUMI_KUBERNETES_VERSION);
    });

    it("the Pulumi CLI is no older than the @pulumi/pulumi the program uses", () => {
        const sdk = npmVersion("@pulumi/pulumi").replace(/^[\^~]/, "").split(".").map(Number);
        const cli = pins.PULUMI_VERSION.split(".").map(Number);
        assert.ok(cli[0] === sdk[0] && (cli[1] > sdk[1] || (cli[1] === sdk[1] && cli[2] >= sdk[2])), `${cli} < ${sdk}`);
    });

    it("the cached builds never land in the repository", () => {
        assert.match(fs.readFileSync(path.join(TOOLCHAIN, "ensure.sh"), "utf8"), /\$\{ISTIO_MESH_TOOLCHAIN:-\$\{XDG_CACHE_HOME:-\$HOME\/\.cache\}/);
    });
});
