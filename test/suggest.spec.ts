import { strict as assert } from "assert";
import { closest, didYouMean } from "../components/common/suggest";

describe("did you mean", () => {
    it("finds the name a typo was meant to be: a dropped, swapped, extra or changed letter", () => {
        const keys = ["gateway", "istiod", "revision", "version", "namespace"];
        assert.equal(closest("gatway", keys), "gateway");
        assert.equal(closest("gateawy", keys), "gateway");
        assert.equal(closest("verison", keys), "version");
        assert.equal(closest("Namespaces", keys), "namespace");
        assert.equal(didYouMean("stak", ["stack", "out"], (n) => `--${n}`), "; did you mean --stack?");
    });

    it("suggests nothing when no name is close enough to be a typo", () => {
        assert.equal(closest("mesh", ["profile", "kubernetes", "istio", "namespaces"]), undefined);
        assert.equal(didYouMean("json", ["stack", "config"]), "");
    });
});
