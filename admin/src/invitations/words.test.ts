import { describe, expect, it } from "vitest";
import { HttpError } from "@webchat/shared";
import { inviteFailure, lifeText, statusAt } from "./words";

const NOW = Date.parse("2026-05-09T12:00:00Z");

describe("an invitation's words", () => {
  it("is expired once its link ran out, whatever the list said when it was loaded", () => {
    expect(statusAt({ status: "pending", expiresAt: "2026-05-09T12:00:01Z" }, NOW)).toBe("pending");
    expect(statusAt({ status: "pending", expiresAt: "2026-05-09T12:00:00Z" }, NOW)).toBe("expired");
    expect(statusAt({ status: "accepted", expiresAt: "2026-05-01T00:00:00Z" }, NOW)).toBe("accepted");
  });

  it("says how long a link works, in whole days", () => {
    expect(lifeText("2026-05-16T11:59:00Z", NOW)).toBe("7 days");
    expect(lifeText("2026-05-10T12:00:00Z", NOW)).toBe("1 day");
    expect(lifeText("2026-05-09T18:00:00Z", NOW)).toBe("less than a day");
    expect(lifeText("not a date", NOW)).toBe("less than a day");
  });

  it("names a conflict as an existing account, and passes on other refusals", () => {
    expect(inviteFailure(new HttpError(409, { code: "conflict", message: "x" }))).toBe("Could not invite: someone already has an account with this email.");
    expect(inviteFailure(new HttpError(400, { code: "invalid", message: "bad role" }))).toBe("Could not invite: bad role");
  });
});
