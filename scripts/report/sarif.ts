import type { Log, ReportingDescriptor, Result } from "sarif";
import type { MeshPolicy } from "../../policies/rules/lib/meta";
import type { Finding, PolicyReportData } from "./findings";

/**
 * The report as a SARIF 2.1.0 log, the format code-scanning services read
 * (GitHub's upload-sarif, Azure DevOps, IDE viewers): one rule per policy of
 * the pack, one result per finding, located at the stack file line of the
 * config it came from and, logically, at the resource.
 */

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

// Mandatory stops a deployment, advisory does not; a remediation is only news.
const LEVELS: Record<Finding["enforcement"], Result.level> = { mandatory: "error", advisory: "warning", remediated: "note" };

function rule(p: MeshPolicy): ReportingDescriptor {
    return {
        id: p.name,
        shortDescription: { text: p.description },
        fullDescription: { text: p.meta.why },
        helpUri: p.meta.docs,
        properties: { tags: [...p.meta.topics], severity: p.meta.severity, codes: p.meta.messages.map((m) => m.code) },
    };
}

function result(f: Finding, data: PolicyReportData, ruleIndex: number): Result {
    const region = f.config?.line === undefined ? {} : { region: { startLine: f.config.line } };
    return {
        ruleId: f.policy,
        ...(ruleIndex >= 0 && { ruleIndex }),
        level: LEVELS[f.enforcement],
        message: { text: f.message },
        locations: [{
            physicalLocation: { artifactLocation: { uri: data.stackFile }, ...region },
            ...(f.urn && { logicalLocations: [{ name: f.resource, fullyQualifiedName: f.urn, kind: "resource" }] }),
        }],
        properties: {
            enforcement: f.enforcement,
            ...(f.code && { code: f.code }),
            ...(f.config && { configKey: f.config.key, setByProfile: f.config.fromProfile === true }),
        },
    };
}

export function sarifLog(data: PolicyReportData, policies: readonly MeshPolicy[], version: string): Log {
    const index = new Map(policies.map((p, i) => [p.name, i]));
    return {
        $schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [{
            tool: { driver: { name: "istio-mesh policy pack", version, informationUri: "https://istio.io/latest/docs/", rules: policies.map(rule) } },
            results: data.findings.map((f) => result(f, data, index.get(f.policy) ?? -1)),
            properties: { stack: data.stack, policyConfig: data.policyConfig, resources: data.resources },
        }],
    };
}
