// Required by pulumi-language-nodejs (`node -r`) ahead of the SDK's entry point when some
// environment variable was too large to pass through exec (see largeenv.go): reads them
// back from the private file ISTIO_MESH_PULUMI_ENV_FILE names, before @pulumi/pulumi reads
// its config from process.env, and removes the file at once since it holds decrypted secrets.
"use strict";
const fs = require("fs");

const file = process.env.ISTIO_MESH_PULUMI_ENV_FILE;
if (file) {
    delete process.env.ISTIO_MESH_PULUMI_ENV_FILE;
    const vars = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.rmSync(file, { force: true });
    for (const [name, value] of Object.entries(vars)) process.env[name] = value;
}
