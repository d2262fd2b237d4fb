import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { policies } from "../../policies/rules";
import { evaluatePolicies, StackResource } from "../../policies/runner/evaluate";

/**
 * The pack and `istioctl analyze` on the same objects, compared by IST code.
 * The pack's verdict on a code is the set of policies that mirror it
 * (`meta.istio`) and reported something; istioctl's is what it prints.
 */

/** Where istioctl is: $ISTIOCTL, then PATH, then the real-engine toolchain's cache; undefined when nowhere. */
export function findIstioctl(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string | undefined {
    const candidates = [
        env.ISTIOCTL,
        ...(env.PATH ?? "").split(path.delimiter).filter(Boolean).map((dir) => path.join(dir, "istioctl")),
        path.join(home, ".cache/istio-mesh/toolchain/bin/istioctl"),
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

/** The IST codes the pack reports on these resources, every policy at advisory. */
export async function packCodes(resources: StackResource[]): Promise<string[]> {
    const report = await evaluatePolicies(policies, resources, { config: { all: "advisory" } });
    const reporting = new Set(report.violations.map((v) => v.policy));
    return [...new Set(policies.filter((p) => reporting.has(p.name)).flatMap((p) => p.meta.istio))].sort();
}

export interface AnalyzerMessage {
    level: string;
    code: string;
    /** `VirtualService default/myapp` */
    subject: string;
    text: string;
}

/** istioctl analyze's text output: `Error [IST0101] (VirtualService default/myapp) Referenced ...`. */
export function parseAnalyzeOutput(output: string): AnalyzerMessage[] {
    return [...output.matchAll(/^(Error|Warning|Info) \[(IST\d{4})\] \(([^)]*)\) (.*)$/gm)].map(([, level, code, subject, text]) => ({ level, code, subject, text }));
}

/** Runs `istioctl analyze --use-kube=false` on the files; its messages (it exits non-zero when it finds errors). */
export function analyze(istioctl: string, files: string[]): AnalyzerMessage[] {
    const result = spawnSync(istioctl, ["analyze", "--use-kube=false", "--output", "log", ...files], { encoding: "utf8", timeout: 120_000 });
    if (result.error) throw result.error;
    const messages = parseAnalyzeOutput(`${result.stdout}\n${result.stderr}`);
    if (result.status !== 0 && messages.length === 0) throw new Error(`istioctl analyze failed (${result.status}): ${result.stderr}`);
    return messages;
}

/** The comparison on the codes the pack mirrors: what each reports, and where they differ. */
export function compare(pack: string[], analyzer: AnalyzerMessage[]) {
    const istio = [...new Set(analyzer.map((m) => m.code))].filter((c) => PACK_CODES.includes(c)).sort();
    return { pack, istio, missedByPack: istio.filter((c) => !pack.includes(c)), extraInPack: pack.filter((c) => !istio.includes(c)) };
}
