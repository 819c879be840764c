import { describe, expect, it } from "vitest";
import { fieldsFrom, NO_SEARCH, paramsOf, type SearchFields } from "./query";

describe("a search in the address bar", () => {
  it("goes there and back unchanged, empty fields left out", () => {
    const f: SearchFields = { q: "refund & co", status: "closed", agentId: "a3", tag: "billing", channel: "web", from: "2024-05-01", to: "2024-05-31" };
    const query = new URLSearchParams(paramsOf(f)).toString();
    expect(query).toBe("q=refund+%26+co&status=closed&agentId=a3&tag=billing&channel=web&from=2024-05-01&to=2024-05-31");
    expect(fieldsFrom(new URLSearchParams(query))).toEqual(f);
    expect(paramsOf(NO_SEARCH)).toEqual({});
  });

  it("drops what the form cannot show", () => {
    expect(fieldsFrom(new URLSearchParams("status=open&channel=sms&from=2024-02-30&to=soon&cursor=x&q=hi"))).toEqual({ ...NO_SEARCH, q: "hi" });
  });
});
