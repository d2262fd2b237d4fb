import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { policies } from "../../policies/rules";
import { parse } from "../../policies/rules/lib/messages";
import { evaluatePolicies, StackResource } from "../../policies/runner/evaluate";
import { PROJECT_ROOT } from "../../scripts/mock-program";

/**
 * The pack and `istioctl analyze` on the same objects, compared by IST code.
 * The pack's verdict on a code is the set of policies that mirror it
 * (`meta.istio`) and reported something; istioctl's is what it prints.
 */

/** The real-engine toolchain's folder: what `scripts/toolchain/ensure.sh --bin-dir` prints (it honours ISTIO_MESH_TOOLCHAIN). */
export function toolchainBin(env: NodeJS.ProcessEnv = process.env): string {
    return spawnSync(path.join(PROJECT_ROOT, "scripts/toolchain/ensure.sh"), ["--bin-dir"], { encoding: "utf8", env }).stdout.trim();
}

/**
 * Where istioctl is: $ISTIOCTL, then the real-engine toolchain's pinned build,
 * then PATH; undefined when nowhere.
 */
export function findIstioctl(env: NodeJS.ProcessEnv = process.env, binDir = toolchainBin(env)): string | undefined {
    const candidates = [
        env.ISTIOCTL,
        binDir && path.join(binDir, "istioctl"),
        ...(env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "istioctl")),
    ];
    return candidates.find((c): c is string => Boolean(c) && fs.existsSync(c!) && fs.statSync(c!).isFile());
}

/** IST codes the pack can report: every code some policy mirrors. */
export const PACK_CODES = [...new Set(policies.flatMap((p) => p.meta.istio))].sort();

/** Kubernetes objects (YAML documents with apiVersion and kind) as the resources a stack registers. */
export function asResources(yamlText: string): StackResource[] {
    return parseAllDocuments(yamlText)
        .map((d) => d.toJS())
        .filter((o) => o && typeof o.apiVersion === "string" && typeof o.kind === "string")
        .map((o) => {
            const [group, version] = o.apiVersion.includes("/") ? o.apiVersion.split("/") : ["core", o.apiVersion];
            const name = `${o.metadata?.namespace ?? ""}-${o.metadata?.name}`;
            const type = `kubernetes:${group}/${version}:${o.kind}`;
            return { type, name, urn: `urn:pulumi:differential::istio-mesh::${type}::${name}`, inputs: o };
        });
}

/** The IST codes the pack reports on these resources, every policy at advisory: each violation's catalogue message says which it mirrors. */
export async function packCodes(resources: StackResource[]): Promise<string[]> {
    const report = await evaluatePolicies(policies, resources, { config: { all: "advisory" } });
    return [...new Set(report.violations.flatMap((v) => parse(v.message)?.message.istio ?? []))].sort();
}

export interface AnalyzerMessage {
    level: string;
    code: string;
    /** `VirtualService default/myapp` */
    subject: string;
    text: string;
}

/** istioctl analyze's text output: `Error [IST0101] (VirtualService default/myapp file.yaml:12) Referenced ...`; the subject without the file. */
export function parseAnalyzeOutput(output: string): AnalyzerMessage[] {
    return [...output.matchAll(/^(Error|Warning|Info) \[(IST\d{4})\] \(([^)]*)\) (.*)$/gm)]
        .map(([, level, code, subject, text]) => ({ level, code, subject: subject.split(" ").slice(0, 2).join(" "), text }));
}

/** The analyzers `istioctl analyze --verbose` lists under "Skipped analyzers:" (their inputs are not in what it read). */
export function parseSkippedAnalyzers(output: string): string[] {
    const block = /^Skipped analyzers:\n((?:\t.*\n)*)/m.exec(output);
    return block ? block[1].split("\n").map((l) => l.trim()).filter(Boolean) : [];
}

/**
 * Which of istioctl's analyzers (istio.io/istio pkg/config/analysis/analyzers,
 * `Metadata().Name`) report each IST code the pack mirrors: to tell a code the
 * analyzer judged fine from one it never judged because it skipped the analyzer.
 */
export const ANALYZERS_OF: Record<string, string[]> = {
    IST0002: ["deprecation.DeprecationAnalyzer", "telemetry.LightstepAnalyzer"],
    IST0101: ["virtualservice.DestinationRuleAnalyzer", "virtualservice.GatewayAnalyzer", "virtualservice.DestinationHostAnalyzer", "sidecar.SelectorAnalyzer",
        "auth.AuthorizationPoliciesAnalyzer", "gateway.IngressGatewayPortAnalyzer", "gateway.SecretAnalyzer", "gateway.ConflictingGatewayAnalyzer", "telemetry.SelectorAnalyzer"],
    IST0107: ["annotations.K8sAnalyzer"],
    IST0108: ["annotations.K8sAnalyzer"],
    IST0109: ["virtualservice.ConflictingMeshGatewayHostsAnalyzer"],
    IST0111: ["sidecar.SelectorAnalyzer"],
    IST0112: ["virtualservice.DestinationHostAnalyzer"],
    IST0118: ["service.PortNameAnalyzer"],
    IST0123: ["injection.Analyzer"],
    IST0125: ["annotations.K8sAnalyzer"],
    IST0126: ["meshnetworks.MeshNetworksAnalyzer"],
    IST0128: ["destinationrule.CaCertificateAnalyzer"],
    IST0129: ["destinationrule.CaCertificateAnalyzer"],
    IST0130: ["schema.ValidationAnalyzer.VirtualService"],
    IST0131: ["schema.ValidationAnalyzer.VirtualService"],
    IST0132: ["virtualservice.GatewayAnalyzer"],
    IST0133: ["schema.ValidationAnalyzer.Gateway", "schema.ValidationAnalyzer.ServiceEntry"],
    IST0135: ["annotations.K8sAnalyzer"],
    IST0138: ["gateway.CertificateAnalyzer"],
    IST0140: ["virtualservice.DestinationHostAnalyzer"],
    IST0144: ["applicationUID.Analyzer"],
    IST0145: ["gateway.ConflictingGatewayAnalyzer"],
    IST0146: ["injection.ImageAutoAnalyzer"],
    IST0150: ["service.PortNameAnalyzer"],
    IST0151: ["envoyfilter.EnvoyPatchAnalyzer"],
    IST0152: ["envoyfilter.EnvoyPatchAnalyzer"],
    IST0153: ["envoyfilter.EnvoyPatchAnalyzer"],
    IST0154: ["envoyfilter.EnvoyPatchAnalyzer"],
    IST0155: ["envoyfilter.EnvoyPatchAnalyzer"],
    IST0157: ["telemetry.ProviderAnalyzer"],
    IST0160: ["telemetry.DefaultSelectorAnalyzer"],
    IST0162: ["gateway.IngressGatewayPortAnalyzer"],
    IST0165: ["virtualservice.GatewayAnalyzer"],
    IST0167: ["sidecar.SelectorAnalyzer"],
    IST0175: ["authn.BlockedCIDRsAnalyzer"],
};

export interface Analysis {
    messages: AnalyzerMessage[];
    /** Analyzers istioctl did not run on these files. */
    skipped: string[];
}

/**
 * Runs `istioctl analyze --use-kube=false --all-namespaces --verbose` on the
 * files (it exits non-zero when it finds errors). Without a cluster istioctl
 * drops the runtime kinds (Namespace, Pod, Service, Secret, Node) from files
 * and skips every analyzer that reads one; --verbose names them.
 */
export function analyze(istioctl: string, files: string[]): Analysis {
    const result = spawnSync(istioctl, ["analyze", "--use-kube=false", "--all-namespaces", "--verbose", "--output", "log", ...files], { encoding: "utf8", timeout: 120_000 });
    if (result.error) throw result.error;
    const output = `${result.stdout}\n${result.stderr}`;
    const messages = parseAnalyzeOutput(output);
    if (result.status !== 0 && messages.length === 0) throw new Error(`istioctl analyze failed (${result.status}): ${result.stderr}`);
    return { messages, skipped: parseSkippedAnalyzers(output) };
}

/**
 * The comparison on the codes the pack mirrors: what each reports, where they
 * differ, and which of the pack's codes istioctl could not judge here (every
 * analyzer reporting it was skipped).
 */
/**
 * istioctl messages of a code the pack mirrors that the pack leaves out on purpose
 * (policies/README.md's row for the code says so): not counted as missed.
 */
export const NOT_MIRRORED: { code: string; text: RegExp; why: string }[] = [
    { code: "IST0133", text: /EnvoyFilter exposes internal implementation details/,
        why: "istiod's validation gives it for every EnvoyFilter: a standing caution, not a fault; the routing-envoy-filter-* policies judge what an EnvoyFilter does" },
];

export function compare(pack: string[], analysis: Analysis) {
    const istio = [...new Set(analysis.messages
        .filter((m) => !NOT_MIRRORED.some((n) => n.code === m.code && n.text.test(m.text)))
        .map((m) => m.code))].filter((c) => PACK_CODES.includes(c)).sort();
    const notJudged = pack.filter((c) => !istio.includes(c) && (ANALYZERS_OF[c] ?? []).length > 0 && ANALYZERS_OF[c].every((a) => analysis.skipped.includes(a)));
    return {
        pack,
        istio,
        missedByPack: istio.filter((c) => !pack.includes(c)),
        extraInPack: pack.filter((c) => !istio.includes(c) && !notJudged.includes(c)),
        notJudged,
    };
}
