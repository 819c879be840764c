import { describe, expect, it } from "vitest";
import { confirmProblem, expiryText, invitedAs, nameProblem, passwordProblem, sentence } from "./invitation";
import { inviteLink, leaveInviteAddress } from "./inviteLink";

describe("the invitation's address", () => {
  it("takes the token from the fragment, or marks the invite page without one", () => {
    expect(inviteLink({ pathname: "/agent/invite", hash: "#token=a%2Bb_c-1" })).toEqual({ token: "a+b_c-1" });
    expect(inviteLink({ pathname: "/agent/", hash: "#x=1&token=t" })).toEqual({ token: "t" });
    expect(inviteLink({ pathname: "/agent/invite/", hash: "" })).toEqual({ token: null });
    expect(inviteLink({ pathname: "/agent/invite", hash: "#token=" })).toEqual({ token: null });
    expect(inviteLink({ pathname: "/agent/", hash: "#mytoken=t" })).toBeNull();
    expect(inviteLink({ pathname: "/agent/", hash: "" })).toBeNull();
  });

  it("leaves for the app's address, the fragment gone, without a new history entry", () => {
    window.history.replaceState(null, "", "/agent/invite?lang=en#token=t");
    const before = window.history.length;
    leaveInviteAddress(window);
    expect(window.location.pathname + window.location.search + window.location.hash).toBe("/agent/?lang=en");
    expect(window.history.length).toBe(before);
    window.history.replaceState(null, "", "/");
  });
});

describe("the invitation's checks and words", () => {
  it("counts characters, not UTF-16 units", () => {
    expect(passwordProblem("🔑🔑🔑🔑🔑")).toBe("The password must be at least 8 characters (it has 5).");
    expect(passwordProblem("12345678")).toBeNull();
    expect(passwordProblem("x".repeat(256))).toBeNull();
    expect(passwordProblem("x".repeat(257))).toBe("The password must be at most 256 characters (it has 257).");
    expect(passwordProblem("")).toBe("Please choose a password of at least 8 characters.");
    expect(nameProblem(" Nina ")).toBeNull();
    expect(nameProblem(" ")).toBe("Please enter your name.");
    expect(nameProblem("n".repeat(81))).toBe("The name must be at most 80 characters (it has 81).");
    expect(confirmProblem("abcdefgh", "abcdefgh")).toBeNull();
    expect(confirmProblem("abcdefgh", "abcdefgX")).toBe("The two passwords differ.");
  });

  it("says the role, the expiry and the server's message as sentences", () => {
    expect(invitedAs("agent")).toBe("You're invited as an agent.");
    expect(invitedAs("supervisor")).toBe("You're invited as a supervisor.");
    expect(invitedAs("admin")).toBe("You're invited as an admin.");
    expect(expiryText("2026-12-08T12:00:00Z", "en-GB")).toMatch(/^This invitation expires on \d+ December 2026 at \d\d:\d\d\.$/);
    expect(expiryText("soon")).toBe("");
    expect(sentence("this invitation expired")).toBe("This invitation expired");
  });
});
