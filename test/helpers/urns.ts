import type { Registered } from "./mock-program";

/**
 * Resource identities as the Pulumi engine forms them from a program's
 * registrations: `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`
 * with the whole chain of parent types (Pulumi's mock monitor keeps only the
 * nearest), and the earlier URNs each resource answers to through its
 * aliases, including those it inherits from a renamed parent (the engine's
 * rule: the child's name with the parent's old name as prefix, under the
 * parent's old URN).
 */

const ROOT_STACK = "pulumi:pulumi:Stack";

const parts = (urn: string) => {
    const [prefix, project, qualifiedType, ...name] = urn.split("::");
    return { stack: prefix.replace(/^urn:pulumi:/, ""), project, qualifiedType, name: name.join("::") };
};
const typesOf = (urn: string) => parts(urn).qualifiedType;
const nameOf = (urn: string) => parts(urn).name;

export interface Identities {
    /** Engine URN of each registration, by its mock URN. */
    urns: Map<string, string>;
    /** Earlier engine URNs each registration answers to, by its mock URN. */
    aliases: Map<string, string[]>;
}

export function identities(resources: readonly Registered[]): Identities {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const urns = new Map<string, string>();
    const aliases = new Map<string, string[]>();
    const urn = (stack: string, project: string, parentUrn: string | undefined, type: string, name: string) =>
        `urn:pulumi:${stack}::${project}::${parentUrn ? `${typesOf(parentUrn)}$` : ""}${type}::${name}`;
    const parentOf = (r: Registered) => {
        const p = byUrn.get(r.parent);
        return p && p.type !== ROOT_STACK ? p : undefined;
    };
    const engineUrn = (r: Registered): string => {
        const known = urns.get(r.urn);
        if (known) return known;
        const { stack, project } = parts(r.urn);
        const parent = parentOf(r);
        const made = urn(stack, project, parent && engineUrn(parent), r.type, r.name);
        urns.set(r.urn, made);
        return made;
    };
    const aliasUrns = (r: Registered): string[] => {
        const known = aliases.get(r.urn);
        if (known) return known;
        const { stack, project } = parts(r.urn);
        const parent = parentOf(r);
        const own = r.aliases.map((a) => {
            if (a.urn) return a.urn;
            const earlierParent = a.noParent ? undefined : a.parentUrn ?? (parent && engineUrn(parent));
            return urn(stack, project, earlierParent, a.type ?? r.type, a.name ?? r.name);
        });
        const inherited = parent
            ? aliasUrns(parent).map((pa) => {
                const name = r.name.startsWith(parent.name) ? nameOf(pa) + r.name.slice(parent.name.length) : r.name;
                return urn(stack, project, pa, r.type, name);
            })
            : [];
        const all = [...new Set([...own, ...inherited])];
        aliases.set(r.urn, all);
        return all;
    };
    for (const r of resources) {
        engineUrn(r);
        aliasUrns(r);
    }
    return { urns, aliases };
}
