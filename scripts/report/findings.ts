import * as fs from "fs";
import * as path from "path";
import type { MeshPolicy } from "../../policies/rules/lib/meta";
import { mandatoryViolations, Report } from "../../policies/runner/evaluate";
import { resourceLabel } from "../../policies/runner/table";
import type { Registered } from "../mock-program";
import { ConfigSource, configPathOf, stackFileLocator } from "./config-source";

/**
 * A policy report as data, for every output format: each violation or
 * remediation with its policy's metadata and, where it can be known, the
 * stack-file line of the config it came from.
 */

export interface Finding {
    policy: string;
    /** The catalogue code the message starts with (`ISM0401`). */
    code?: string;
    enforcement: "mandatory" | "advisory" | "remediated";
    severity: MeshPolicy["meta"]["severity"];
    message: string;
    /** The resource's URN; none for a finding about the stack as a whole. */
    urn?: string;
    /** `myapp-destinationrule (networking.istio.io/v1:DestinationRule)` or `(stack)`. */
    resource: string;
    config?: ConfigSource;
}

export interface PolicyReportData {
    stack: string;
    /** The stack file, relative to the working directory (as annotations and SARIF name it). */
    stackFile: string;
    /** The policy pack config, relative to the working directory. */
    policyConfig: string;
    resources: number;
    findings: Finding[];
    summary: { violations: number; mandatory: number; advisory: number; remediations: number };
}

const CODE = /^(ISM\d{4}) /;

export interface ReportInput {
    stack: string;
    stackFile: string;
    policyConfig: string;
    resources: readonly Registered[];
    report: Report;
    policies: readonly MeshPolicy[];
}

export function reportData(input: ReportInput): PolicyReportData {
    const { report, resources } = input;
    const locate = stackFileLocator(fs.readFileSync(input.stackFile, "utf8"));
    const meta = new Map(input.policies.map((p) => [p.name, p.meta]));
    const configOf = (urn: string | undefined) => {
        const configPath = urn ? configPathOf(urn, resources) : undefined;
        return configPath && locate(configPath);
    };
    const finding = (policy: string, urn: string | undefined, enforcement: Finding["enforcement"], message: string): Finding => ({
        policy,
        code: CODE.exec(message)?.[1],
        enforcement,
        severity: meta.get(policy)?.severity ?? "medium",
        message,
        urn,
        resource: resourceLabel(urn),
        config: configOf(urn),
    });
    const mandatory = mandatoryViolations(report).length;
    return {
        stack: input.stack,
        stackFile: path.relative(process.cwd(), input.stackFile),
        policyConfig: path.relative(process.cwd(), input.policyConfig),
        resources: resources.length,
        findings: [
            ...report.violations.map((v) => finding(v.policy, v.urn, v.enforcement === "mandatory" ? "mandatory" : "advisory", v.message)),
            ...report.remediations.map((r) => finding(r.policy, r.urn, "remediated", "inputs changed by the policy's remediation")),
        ],
        summary: {
            violations: report.violations.length,
            mandatory,
            advisory: report.violations.length - mandatory,
            remediations: report.remediations.length,
        },
    };
}
