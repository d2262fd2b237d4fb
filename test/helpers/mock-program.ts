// The mock harness lives in scripts/ because the policy report script runs it too.
export * from "../../scripts/mock-program";
