import { removePath, setPath } from "./config-path";

/**
 * The canary upgrade the e2e walks (docs/upgrades.md, the same steps): the dev
 * stack's services on Istio 1.29.6 as revision 1-29-6, then 1.30.3 beside it,
 * one namespace moved, the gateway moved, the stable tag moved, 1-29-6
 * removed. Each step is config commands and what the cluster must hold after
 * its `pulumi up`. Pure data, so a spec checks that every step is a valid
 * config (and the e2e tests the steps, not the schema).
 */

/** `pulumi config set --path <key> <value>`, or `pulumi config rm --path <key>` without a value. */
export interface ConfigCommand {
    key: string;
    value?: string;
}

export interface UpgradeExpectation {
    /** istiod Deployments in the control plane namespace. */
    istiods: string[];
    /** Revision tag -> the istiod Service its webhook calls. */
    tags: Record<string, string>;
    /** Namespace -> its `istio.io/rev` label. */
    namespaces: Record<string, string>;
    /** The gateway pods' `istio.io/rev` label and the gateway chart's version. */
    gateway: { revision: string; version: string };
    /** The base chart's version on the CRDs (`helm.sh/chart: base-<version>`). */
    crdVersion: string;
}

export interface UpgradeStep {
    name: string;
    commands: ConfigCommand[];
    expect: UpgradeExpectation;
}

const ns = "istio-mesh:namespaces";
const istio = "istio-mesh:istio";
/** The namespace moved on its own first (created by the scenario; the dev stack labels `default`). */
export const CANARY_NAMESPACE = "canary";

// Each step says what its commands change in the cluster; the rest stays as the step before left it.
const STEPS: Array<{ name: string; commands: ConfigCommand[]; changes: Partial<UpgradeExpectation> }> = [
    {
        name: "install 1.29.6 (revision 1-29-6)",
        commands: [
            { key: `${istio}.version`, value: "1.29.6" },
            { key: `${istio}.revisions[0].name`, value: "1-29-6" },
            { key: `${istio}.revisions[0].version`, value: "1.29.6" },
            { key: `${istio}.revisionTags.prod-stable`, value: "1-29-6" },
            { key: `${istio}.gateway.revision`, value: "1-29-6" },
            { key: `${ns}.default.revision`, value: "prod-stable" },
            { key: `${ns}.${CANARY_NAMESPACE}.revision`, value: "prod-stable" },
        ],
        changes: {
            istiods: ["istiod-1-29-6"],
            tags: { "prod-stable": "istiod-1-29-6" },
            namespaces: { default: "prod-stable", [CANARY_NAMESPACE]: "prod-stable" },
            gateway: { revision: "1-29-6", version: "1.29.6" },
            crdVersion: "1.29.6",
        },
    },
    {
        name: "add revision 1-30-3",
        commands: [
            { key: `${istio}.version`, value: "1.30.3" },
            { key: `${istio}.revisions[1].name`, value: "1-30-3" },
            { key: `${istio}.revisions[1].version`, value: "1.30.3" },
            { key: `${istio}.revisionTags.prod-canary`, value: "1-30-3" },
        ],
        changes: {
            istiods: ["istiod-1-29-6", "istiod-1-30-3"],
            tags: { "prod-stable": "istiod-1-29-6", "prod-canary": "istiod-1-30-3" },
            crdVersion: "1.30.3",
        },
    },
    {
        name: "move one namespace",
        commands: [{ key: `${ns}.${CANARY_NAMESPACE}.revision`, value: "prod-canary" }],
        changes: { namespaces: { default: "prod-stable", [CANARY_NAMESPACE]: "prod-canary" } },
    },
    {
        name: "move the gateway",
        commands: [{ key: `${istio}.gateway.revision`, value: "1-30-3" }],
        changes: { gateway: { revision: "1-30-3", version: "1.30.3" } },
    },
    {
        name: "move the stable tag",
        commands: [{ key: `${istio}.revisionTags.prod-stable`, value: "1-30-3" }],
        changes: { tags: { "prod-stable": "istiod-1-30-3", "prod-canary": "istiod-1-30-3" } },
    },
    {
        name: "remove revision 1-29-6",
        commands: [{ key: `${istio}.revisions[0]` }],
        changes: { istiods: ["istiod-1-30-3"] },
    },
];

export const UPGRADE_STEPS: UpgradeStep[] = STEPS.reduce<UpgradeStep[]>((done, { name, commands, changes }) => {
    const before = done[done.length - 1]?.expect;
    return [...done, { name, commands, expect: { ...before, ...changes } as UpgradeExpectation }];
}, []);

/** Applies config commands to a stack file's config, as the CLI does (for the offline render and the spec). */
export function applyCommands(config: Record<string, unknown>, commands: readonly ConfigCommand[]): Record<string, unknown> {
    return commands.reduce((c, cmd) => (cmd.value === undefined ? removePath(c, cmd.key) : setPath(c, cmd.key, cmd.value)), config);
}
