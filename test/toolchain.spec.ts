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
        ["pulumi-language-hosts", "github.com/pulumi/pulumi/sdk/v3", `v${pins.PULUMI_VERSION}`],
        ["pulumi-language-hosts", "github.com/pulumi/pulumi/pkg/v3", `v${pins.PULUMI_VERSION}`],
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

    it("the Go example requires the pinned Pulumi SDK and the Kubernetes SDK of the pinned provider", () => {
        const goMod = fs.readFileSync(path.join(PROJECT_ROOT, "examples", "go", "go.mod"), "utf8");
        assert.match(goMod, new RegExp(`^\\s*github\\.com/pulumi/pulumi/sdk/v3 v${pins.PULUMI_VERSION.replace(/\./g, "\\.")}$`, "m"));
        assert.match(goMod, new RegExp(`^\\s*github\\.com/pulumi/pulumi-kubernetes/sdk/v4 v${pins.PULUMI_KUBERNETES_VERSION.replace(/\./g, "\\.")}( // indirect)?$`, "m"));
    });

    it("the Python example pins pulumi (3.x, not newer than the CLI) and pulumi-kubernetes (the pinned provider) exactly", () => {
        const lines = fs.readFileSync(path.join(PROJECT_ROOT, "examples", "python", "requirements.txt"), "utf8").split("\n");
        const pin = (name: string) => lines.find((l) => l.startsWith(`${name}==`))?.split("==")[1];
        assert.equal(pin("pulumi-kubernetes"), pins.PULUMI_KUBERNETES_VERSION);
        const sdk = pin("pulumi")!.split(".").map(Number);
        const cli = pins.PULUMI_VERSION.split(".").map(Number);
        assert.ok(sdk[0] === cli[0] && sdk[1] <= cli[1], `pulumi==${sdk.join(".")} against the CLI ${cli.join(".")}`);
        assert.ok(lines.filter((l) => l.trim() && !l.startsWith("#")).every((l) => l.includes("==")), "every requirement pinned with ==");
    });

    it("the cached builds never land in the repository", () => {
        assert.match(fs.readFileSync(path.join(TOOLCHAIN, "ensure.sh"), "utf8"), /\$\{ISTIO_MESH_TOOLCHAIN:-\$\{XDG_CACHE_HOME:-\$HOME\/\.cache\}/);
    });
});
