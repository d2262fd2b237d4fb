import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

// Starts the analyzer's gRPC server: run only by the Pulumi CLI (or a child process), never imported.
new PolicyPack("istio-mesh", {
    description: "Guardrails for Istio 1.30.3 service meshes: mTLS, authorization, routing, resilience, workloads and platform.",
    enforcementLevel: "advisory",
    policies,
});
