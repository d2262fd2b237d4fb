import { strict as assert } from "assert";
import * as path from "path";
import * as ts from "typescript";
import { PROJECT_ROOT } from "./helpers/mock-program";

/**
 * What an editor shows for the package: every optional argument of every
 * component says its default (`@default`) and where Istio (or Kubernetes)
 * documents it (`@see`), and every output has a doc comment. Read from the
 * sources with the TypeScript compiler, as an editor reads them.
 */

const ENTRIES = ["components/index.ts", "components/demo/index.ts"].map((f) => path.join(PROJECT_ROOT, f));
const program = ts.createProgram(ENTRIES, { strict: true, target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, noEmit: true });
const checker = program.getTypeChecker();

type Component = { name: string; args: ts.Type; outputs: ts.Symbol[] };

// The ComponentResource classes an entry exports, each with its constructor's args type and its own public properties.
function components(): Component[] {
    const found: Component[] = [];
    for (const entry of ENTRIES) {
        for (const exported of checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!)) {
            const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
            const declaration = symbol.valueDeclaration;
            if (!declaration || !ts.isClassDeclaration(declaration)) continue;
            const heritage = declaration.heritageClauses?.flatMap((h) => h.types.map((t) => t.expression.getText())) ?? [];
            if (!heritage.includes("pulumi.ComponentResource")) continue;
            const ctor = declaration.members.find(ts.isConstructorDeclaration)!;
            const args = checker.getTypeAtLocation(ctor.parameters[1]);
            const outputs = declaration.members
                .filter((m) => (ts.isPropertyDeclaration(m) || ts.isGetAccessorDeclaration(m)) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword))
                .map((m) => checker.getSymbolAtLocation(m.name!)!);
            found.push({ name: symbol.getName(), args, outputs });
        }
    }
    return found;
}

const tagsOf = (s: ts.Symbol) => new Map(s.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text)]));

// Every optional property the walk below reached, by path: shows the walk goes down into nested settings.
const reached = new Set<string>();

// Optional properties of `type` without the tags, and of every type declared in components/ that they reach (nested settings, list items).
function missingTags(type: ts.Type, where: string, seen = new Set<ts.Type>()): string[] {
    if (seen.has(type)) return [];
    seen.add(type);
    const missing: string[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.declarations?.[0];
        if (!declaration?.getSourceFile().fileName.startsWith(path.join(PROJECT_ROOT, "components"))) continue;
        const tags = tagsOf(property);
        if (property.flags & ts.SymbolFlags.Optional) {
            reached.add(`${where}.${property.getName()}`);
            for (const tag of ["default", "see"]) if (!tags.get(tag)) missing.push(`${where}.${property.getName()}: no @${tag}`);
            const see = tags.get("see");
            if (see && !/^https:\/\/(istio\.io|kubernetes\.io|cert-manager\.io|kiali\.io|www\.pulumi\.com)\//.test(see)) missing.push(`${where}.${property.getName()}: @see ${see} is no reference link`);
        }
        let t = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, declaration));
        // Input<T> is T | Promise<T> | OutputInstance<T>: its first member is T.
        if (t.isUnion()) t = t.types.find((u) => !u.getSymbol() || !/^(Promise|OutputInstance)$/.test(u.getSymbol()!.getName())) ?? t;
        const element = checker.getIndexTypeOfType(t, ts.IndexKind.Number) ?? checker.getIndexTypeOfType(t, ts.IndexKind.String);
        missing.push(...missingTags(element ?? t, `${where}.${property.getName()}`, seen));
    }
    return missing;
}

describe("component docs: what an editor shows", () => {
    const all = components();

    it("finds every component of the package and of ./demo", () => {
        assert.deepEqual(all.map((c) => c.name).sort(), [
            "DemoWorkloads", "IstioMesh", "MeshAuthorization", "MeshCertificateAuthority", "MeshEgress", "MeshIngress", "MeshMtls", "MeshNamespace",
            "MeshService", "MeshTracing", "ObservabilityAddons",
        ]);
    });

    it("walks into nested settings: list items, maps and Input<> of types declared in components/", () => {
        for (const c of all) missingTags(c.args, c.name);
        for (const deep of [
            "MeshService.routes.retries.retryOn", "MeshService.subsetTrafficPolicy.outlierDetection.interval",
            "MeshAuthorization.policies.rules.from.source.principals", "ObservabilityAddons.jaeger.storage.elasticsearch.index_prefix",
            "IstioMesh.istiod.resources.limits",
        ]) assert.ok(reached.has(deep), `${deep} not reached`);
    });

    for (const c of all) {
        it(`${c.name}: every optional argument, nested ones included, has @default and an istio.io (or Kubernetes) @see`, () => {
            assert.deepEqual(missingTags(c.args, c.name), []);
        });

        it(`${c.name}: every output has a doc comment`, () => {
            const undocumented = c.outputs.filter((o) => o.getDocumentationComment(checker).length === 0).map((o) => o.getName());
            assert.deepEqual(undocumented, []);
        });
    }
});
