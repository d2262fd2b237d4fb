import { strict as assert } from "assert";
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import { environmentSchema } from "../stacks/schema";
import { readYaml, REFERENCE } from "./helpers/chart-values";
import { PROJECT_ROOT, readStackFile } from "./helpers/mock-program";

const project = readYaml(path.join(PROJECT_ROOT, "Pulumi.yaml")) as { name: string; config: Record<string, { type: string; description: string }> };

describe("Pulumi project and stack files", () => {
    it("Pulumi.yaml validates against Pulumi's project schema", () => {
        const schema = JSON.parse(fs.readFileSync(path.join(REFERENCE, "pulumi/project.schema.json"), "utf8"));
        delete schema.$schema;
        const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
        assert.ok(validate(project), JSON.stringify(validate.errors, null, 2));
        assert.equal(validate({ ...project, config: { profile: { type: "map" } } }), false, "the schema check can fail");
    });

    it("declares every top-level config key, with a type and a description, and no others", () => {
        assert.deepEqual(Object.keys(project.config).sort(), Object.keys(environmentSchema.shape).sort());
        for (const [key, decl] of Object.entries(project.config)) {
            assert.ok(decl.type && decl.description, `${key} has a type and a description`);
        }
    });

    for (const stack of ["dev", "prod"]) {
        it(`Pulumi.${stack}.yaml sets only declared keys of the project namespace`, () => {
            for (const key of Object.keys(readStackFile(stack))) {
                const [namespace, name] = key.split(":");
                assert.equal(namespace, project.name, key);
                assert.ok(name in project.config, `${key} is declared in Pulumi.yaml`);
            }
        });
    }
});
