import type {
    EnforcementLevel,
    Policies,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { Applicability, applicabilityOf } from "../rules/lib/kinds";
import { enforcementOf, knobsOf, PolicyPackConfig } from "./config";

/** A resource as a program registers it (the mock harness's registrations fit as they are). */
export interface StackResource {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    parent?: string;
    dependencies?: string[];
    /** Provider reference `<provider urn>::<id>`. */
    provider?: string;
}

export interface Violation {
    policy: string;
    /** The resource's URN; none for a violation of the stack as a whole. */
    urn?: string;
    message: string;
    enforcement: EnforcementLevel;
}

export interface Remediation {
    policy: string;
    urn: string;
}

export interface NotApplicable {
    policy: string;
    urn?: string;
    reason?: string;
}

export interface Report {
    violations: Violation[];
    remediations: Remediation[];
    notApplicable: NotApplicable[];
}

export interface EvaluateOptions {
    /** Contents of a policy pack config file. */
    config?: PolicyPackConfig;
    stackTags?: Record<string, string>;
    /** The PolicyPack's own default level. */
    packEnforcement?: EnforcementLevel;
}

class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "policy does not apply");
    }
}

const notApplicable = (reason?: string): never => {
    throw new NotApplicableError(reason);
};

function isResourcePolicy(p: Policies[number]): p is ResourceValidationPolicy {
    return !("validateStack" in p);
}

function isStackPolicy(p: Policies[number]): p is StackValidationPolicy {
    return "validateStack" in p;
}

// Resource classes carry their type token as a static `__pulumiType`.
function isTypeOf(type: string, resourceClass: unknown): boolean {
    const cls = resourceClass as { __pulumiType?: string; isInstance?: (o: unknown) => boolean };
    return cls.__pulumiType !== undefined ? cls.__pulumiType === type : cls.isInstance?.({ __pulumiType: type }) === true;
}

function optsOf(r: StackResource): PolicyResourceOptions {
    const customTimeouts = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };
    return { protect: false, ignoreChanges: [], aliases: [], customTimeouts, additionalSecretOutputs: [], parent: r.parent || undefined };
}

const providerUrn = (ref: string | undefined): string | undefined => (ref ? ref.split("::").slice(0, -1).join("::") : undefined);

/**
 * Evaluates a pack's policies against a stack's resources the way the Pulumi
 * engine does: per resource, remediations (level `remediate`) then
 * validations on the remediated inputs; then every stack policy once over all
 * resources. Levels come from the config as the CLI resolves them.
 */
export async function evaluatePolicies(policies: Policies, resources: StackResource[], options: EvaluateOptions = {}): Promise<Report> {
    const config = options.config ?? {};
    const packLevel = options.packEnforcement ?? "advisory";
    const stackTags: ReadonlyMap<string, string> = new Map(Object.entries(options.stackTags ?? {}));
    const report: Report = { violations: [], remediations: [], notApplicable: [] };
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const levelOf = (p: Policies[number]) => enforcementOf(p, config, packLevel);

    const providerOf = (r: StackResource) => {
        const p = byUrn.get(providerUrn(r.provider) ?? "");
        return p && { type: p.type, name: p.name, urn: p.urn, props: p.inputs };
    };
    // What resource and stack policies both see of a resource.
    const viewOf = (r: StackResource, props: Record<string, any>) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props,
        opts: optsOf(r),
        provider: providerOf(r),
        isType: (cls: unknown) => isTypeOf(r.type, cls),
        asType: (cls: unknown) => (isTypeOf(r.type, cls) ? (props as any) : undefined),
    });
    // Each policy's knobs, read once (policies only read them).
    const knobs = new Map(policies.map((p) => [p, knobsOf(p, config)]));
    const resourceArgs = (p: Policies[number], view: ReturnType<typeof viewOf>): ResourceValidationArgs => ({
        ...view,
        stackTags,
        getConfig: <T extends object>() => knobs.get(p) as T,
        notApplicable,
    });
    const failed = (policy: string, urn: string | undefined) => (e: unknown) => {
        if (!(e instanceof NotApplicableError)) throw new Error(`policy ${policy} failed on ${urn ?? "the stack"}: ${(e as Error).message}`);
        report.notApplicable.push({ policy, urn, reason: e.reason });
    };
    // Runs a policy's function and hands its result to `then`, awaiting only a promise:
    // most validations return nothing, and thousands of resources then cost no promise each.
    const guard = <T>(policy: string, urn: string | undefined, run: () => T | Promise<T>, then: (value: T) => void = () => undefined) => {
        try {
            const result = run();
            if (result instanceof Promise) return result.then(then, failed(policy, urn));
            then(result as T);
        } catch (e) {
            failed(policy, urn)(e);
        }
        return undefined;
    };

    // A policy made with forKinds says which types it applies to: for the others the
    // runner reports it not applicable without calling it (and so without its exception).
    const skipped = (policy: string, r: StackResource, applicability: Applicability | undefined) => {
        if (!applicability || applicability.types.has(r.type)) return false;
        report.notApplicable.push({ policy, urn: r.urn, reason: applicability.reason });
        return true;
    };
    const resourcePolicies = policies.filter(isResourcePolicy);
    const remediating = resourcePolicies
        .filter((p) => levelOf(p) === "remediate" && p.remediateResource)
        .map((p) => ({ p, remediate: p.remediateResource!, applicability: applicabilityOf(p.remediateResource!) }));
    const validating = resourcePolicies
        .filter((p) => levelOf(p) !== "disabled" && p.validateResource)
        // As in the engine: a violation left after remediation counts as mandatory.
        .map((p) => ({
            p,
            validations: [p.validateResource!].flat().map((validate) => ({ validate, applicability: applicabilityOf(validate) })),
            enforcement: levelOf(p) === "remediate" ? "mandatory" as const : levelOf(p),
        }));
    const views = new Map<string, ReturnType<typeof viewOf>>();
    for (const r of resources) {
        // Remediations get a copy to change (never the caller's inputs); validations only read.
        let props = r.inputs;
        let copied = false;
        for (const { p, remediate, applicability } of remediating) {
            if (skipped(p.name, r, applicability)) continue;
            if (!copied) [props, copied] = [structuredClone(props), true];
            await guard(p.name, r.urn, () => remediate(resourceArgs(p, viewOf(r, props))), (fixed) => {
                if (!fixed) return;
                props = fixed;
                report.remediations.push({ policy: p.name, urn: r.urn });
            });
        }
        const view = viewOf(r, props);
        views.set(r.urn, view);
        // One argument object per resource, not per resource and policy: validations run one at a
        // time (each awaited), so `getConfig` answers for the one running.
        let running: Policies[number] = policies[0];
        const args: ResourceValidationArgs = { ...view, stackTags, getConfig: <T extends object>() => knobs.get(running) as T, notApplicable };
        for (const { p, validations, enforcement } of validating) {
            for (const { validate, applicability } of validations) {
                if (skipped(p.name, r, applicability)) continue;
                running = p;
                const pending = guard(p.name, r.urn, () =>
                    validate(args, (message) => report.violations.push({ policy: p.name, urn: r.urn, message, enforcement })),
                );
                if (pending) await pending;
            }
        }
    }

    const stackResources = new Map<string, PolicyResource>();
    for (const r of resources) {
        stackResources.set(r.urn, { ...views.get(r.urn)!, dependencies: [], propertyDependencies: {} });
    }
    for (const r of resources) {
        const resource = stackResources.get(r.urn)!;
        resource.parent = r.parent ? stackResources.get(r.parent) : undefined;
        resource.dependencies = (r.dependencies ?? []).map((d) => stackResources.get(d)).filter((d): d is PolicyResource => d !== undefined);
    }
    // One list for every stack policy, so that what they index (lib/kinds.ts ofKind) is indexed once.
    const stackView = [...stackResources.values()];
    for (const p of policies.filter(isStackPolicy)) {
        const level = levelOf(p);
        if (level === "disabled") continue;
        const enforcement = level === "remediate" ? "mandatory" : level;
        const args: StackValidationArgs = {
            resources: stackView,
            stackTags,
            getConfig: <T extends object>() => knobs.get(p) as T,
            notApplicable,
        };
        await guard(p.name, undefined, () =>
            p.validateStack(args, (message, urn) => report.violations.push({ policy: p.name, urn, message, enforcement })),
        );
    }
    return report;
}

export function mandatoryViolations(report: Report): Violation[] {
    return report.violations.filter((v) => v.enforcement === "mandatory");
}
