import { strict as assert } from "assert";
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import {
    certificateAuthoritySchema,
    certManagerValues,
    istioCsrValues,
    JETSTACK_CHARTS,
} from "../components/security/certificate-authority-values";
import { chartDefaults, REFERENCE, unknownKeys } from "./helpers/chart-values";
import { ofType, ProgramRun, readStackFile, runProgram, runStack } from "./helpers/mock-program";

const CHARTS = path.join(REFERENCE, "charts");
const CERT_MANAGER_DIR = path.join(CHARTS, "cert-manager-1.21.1");
const ISTIO_CSR_DIR = path.join(CHARTS, "cert-manager-istio-csr-0.17.0");

function schemaCheck(dir: string) {
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "values.schema.json"), "utf8"));
    delete schema.$schema;
    return new Ajv({ strict: false, allErrors: true }).compile(schema);
}

/** Unknown keys (against values.yaml) and schema errors (values.schema.json) of a values object. */
function problems(dir: string, values: Record<string, unknown>): string[] {
    const validate = schemaCheck(dir);
    const schemaProblems = validate(values) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    // volumes and volumeMounts are Kubernetes objects in list defaults: anything below is accepted.
    return [...unknownKeys(values, chartDefaults(path.join(dir, "values.yaml"))), ...schemaProblems];
}

describe("Helm values for the mesh CA", () => {
    let prod: ProgramRun;
    let pinned: ProgramRun;
    before(async () => {
        prod = await runStack("prod");
        pinned = await runProgram({ ...readStackFile("prod"), "istio-mesh:security": { ca: {
            issuer: { selfSigned: false, name: "corp-ca", kind: "ClusterIssuer" }, rootCA: { secretName: "istio-root-ca", key: "root.pem" },
        } } });
    });

    for (const [label, run] of [["prod", () => prod], ["prod with a pinned root CA and its own issuer", () => pinned]] as const) {
        it(`${label}: cert-manager's values exist in cert-manager 1.21.1's chart and satisfy its schema`, () => {
            const certManager = ofType(run(), "kubernetes:helm.sh/v4:Chart").find((c) => c.inputs.chart === "cert-manager")!;
            const helmOptions = certManager.inputs;
            assert.equal(helmOptions.chart, "cert-manager");
            assert.equal(helmOptions.version, `v${path.basename(CERT_MANAGER_DIR).split("-").pop()}`);
            assert.equal(helmOptions.repositoryOpts.repo, JETSTACK_CHARTS);
            assert.deepEqual(problems(CERT_MANAGER_DIR, helmOptions.values), []);
        });

        it(`${label}: istio-csr's values exist in istio-csr 0.17.0's chart and satisfy its schema`, () => {
            const csr = ofType(run(), "kubernetes:helm.sh/v4:Chart").find((c) => c.inputs.chart === "cert-manager-istio-csr");
            assert.ok(csr);
            assert.equal(csr.inputs.version, `v${path.basename(ISTIO_CSR_DIR).split("-").pop()}`);
            assert.equal(csr.inputs.repositoryOpts.repo, JETSTACK_CHARTS);
            assert.deepEqual(problems(ISTIO_CSR_DIR, csr.inputs.values), []);
        });
    }

    it("the checks catch a misspelt key and a value of the wrong type", () => {
        assert.deepEqual(unknownKeys({ crds: { enable: true } }, chartDefaults(path.join(CERT_MANAGER_DIR, "values.yaml"))), ["crds.enable"]);
        assert.ok(problems(ISTIO_CSR_DIR, { app: { tls: { trustDomain: 5 } } }).length > 0);
        assert.ok(problems(ISTIO_CSR_DIR, { app: { tls: { rootCAfile: "/x" } } }).includes("app.tls.rootCAfile"));
    });

    it("every CA setting combination gives values the istio-csr schema accepts", () => {
        const validate = schemaCheck(ISTIO_CSR_DIR);
        for (const selfSigned of [true, false]) {
            for (const rootCA of [undefined, { secretName: "root" }]) {
                for (const revision of [undefined, "1-30-3"]) {
                    const ca = certificateAuthoritySchema.parse({ issuer: { selfSigned }, rootCA });
                    const values = istioCsrValues({ ca, istioNamespace: "istio-system", trustDomain: "cluster.local", revision });
                    assert.ok(validate(values), JSON.stringify(validate.errors));
                }
            }
        }
        assert.ok(schemaCheck(CERT_MANAGER_DIR)(certManagerValues("cert-manager")));
    });
});
