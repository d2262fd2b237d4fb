import type { MeshResourcePolicy } from "../../../policies/rules/lib/meta";
import { policies } from "../../../policies/rules";
import { assertNotApplicable, fixture } from "../helpers";

describe("resource policies and resources they do not judge", () => {
    const provider = fixture("pulumi:providers:kubernetes", "kubernetes", {});
    for (const policy of policies.filter((p): p is MeshResourcePolicy => !("validateStack" in p))) {
        it(`${policy.name} reports itself not applicable to a provider resource`, async () => {
            await assertNotApplicable(policy, provider, /^applies to .+ only$/);
        });
    }
});
