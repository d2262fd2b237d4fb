import { unreachableRules as policy } from "../../../../policies/rules/routing/unreachable-rules";
import { assertNoViolations, assertViolations, assertWellFormed, istio } from "../../helpers";

const to = (host: string) => ({ route: [{ destination: { host } }] });
const vs = (spec: object) => istio("VirtualService", "myapp", "default", { hosts: ["myapp"], ...spec });

describe("policy routing-unreachable-rules", () => {
    it("is well formed", () => assertWellFormed(policy));

    it("passes matched routes before one default route, in each protocol", async () => {
        await assertNoViolations(policy, vs({ http: [{ match: [{ headers: { "x-user-type": { exact: "beta-tester" } } }], ...to("beta") }, { match: [{ uri: { prefix: "/api" } }], ...to("api") }, to("myapp")] }));
        await assertNoViolations(policy, vs({ tcp: [{ match: [{ port: 5432 }], ...to("db") }, to("myapp")] }));
    });

    it("flags a route after one without match (IST0130)", async () => {
        await assertViolations(policy, vs({ http: [to("myapp"), { match: [{ uri: { prefix: "/api" } }], ...to("api") }] }), [{ code: "ISM0312", subject: "VirtualService default/myapp" }]);
        await assertViolations(policy, vs({ tcp: [to("a"), to("b")] }), [{ code: "ISM0312", subject: "VirtualService default/myapp" }]);
    });

    it("flags a repeated match whatever its name and key order (IST0131), and the route all of whose matches repeat (IST0130)", async () => {
        await assertViolations(policy, vs({
            http: [
                { match: [{ uri: { prefix: "/api" }, method: { exact: "GET" } }], ...to("api") },
                { match: [{ name: "again", method: { exact: "GET" }, uri: { prefix: "/api" } }, { uri: { prefix: "/static" } }], ...to("static") },
                { match: [{ uri: { prefix: "/static" } }], ...to("other") },
                to("myapp"),
            ],
        }), [
            { code: "ISM0313", subject: "VirtualService default/myapp" },
            { code: "ISM0313", subject: "VirtualService default/myapp" },
            { code: "ISM0312", subject: "VirtualService default/myapp" },
        ]);
    });
});
