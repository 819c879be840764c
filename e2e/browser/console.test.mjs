// End-to-end: the console as an admin runs the team from it, in headless
// Chromium: an invitation by email (this server has no SMTP_URL, so the
// console shows the link to pass on), the invited person accepting it in
// another browser and landing signed in in the agent app, the monitor's
// filters kept in the address across a reload, and the API docs page
// served by Webchat itself. axe-core on every screen.
//
//   WEBCHAT_URL=http://127.0.0.1:3001 node --test e2e/browser/console.test.mjs
import assert from "node:assert/strict";
import { test } from "node:test";
import { BASE, PHONE, axeProblems, browserFor, consoleLogin, shot, stepper, until, visible } from "./support.mjs";

const skip = BASE ? false : "set WEBCHAT_URL to run";

test("the console: invite a person, they join from the link; filters in the address; the API docs", { skip, timeout: 180_000 }, async (t) => {
  const stamp = Date.now().toString(36);
  const open = await browserFor(t);
  const step = stepper(t);
  const admin = await open({ viewport: { width: 1280, height: 900 } });
  const nav = admin.page.getByRole("navigation", { name: "Console" });
  const email = `quinn-${stamp}@example.com`;
  let link;

  await step("People: an invitation by email; without SMTP the console says so and shows the link", async () => {
    await consoleLogin(admin.page);
    await nav.getByRole("link", { name: "People" }).click();
    const invite = admin.page.getByRole("region", { name: "Invite by email" });
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("supervisor");
    await invite.getByLabel("Name (optional)").fill(`Quinn ${stamp}`);
    await invite.getByRole("button", { name: "Send invitation" }).click();
    const sent = admin.page.getByRole("region", { name: `Invitation for ${email}` });
    await visible(sent);
    await visible(sent.getByText(/SMTP_URL/));
    link = await sent.getByLabel("Invitation link").inputValue();
    assert.match(link, /\/agent\/invite#token=wct_/);
    const pending = admin.page.getByRole("row").filter({ hasText: email });
    await visible(pending.getByText(/pending/i));
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-invite");
  });

  await step("the link in another browser: the person picks a password and is signed in to the agent app", async () => {
    const quinn = await open(PHONE);
    await quinn.page.goto(link);
    await visible(quinn.page.getByRole("heading", { name: "Join the team" }));
    await visible(quinn.page.getByText(email));
    await visible(quinn.page.getByText(/a supervisor/));
    assert.deepEqual(await axeProblems(quinn.page), []);
    await shot(quinn.page, "agent-invite");
    await quinn.page.getByLabel("New password").fill("short");
    await quinn.page.getByLabel("Confirm the password").fill("short");
    await quinn.page.getByRole("button", { name: "Create my account" }).click();
    await visible(quinn.page.getByText("The password must be at least 8 characters (it has 5)."));
    const password = `pw-${stamp}-quinn-secret`;
    await quinn.page.getByLabel("New password").fill(password);
    await quinn.page.getByLabel("Confirm the password").fill(password);
    await quinn.page.getByRole("button", { name: "Create my account" }).click();
    await visible(quinn.page.getByRole("button", { name: "Log out" }));
    await until("the address without the token", async () => !quinn.page.url().includes("token="));
    await visible(quinn.page.getByRole("link", { name: /console/i }));
    assert.deepEqual(quinn.problems, []);

    // The same link again says it is used.
    const again = await open();
    await again.page.goto(link);
    await visible(again.page.getByText(/not valid any more/));
  });

  await step("People: the invitation is accepted and the person is in the team", async () => {
    await admin.page.reload();
    await visible(admin.page.getByRole("row").filter({ hasText: email }).getByText(/accepted/i));
    await visible(admin.page.getByText(`Quinn ${stamp}`).first());
  });

  await step("the monitor's filters live in the address: a reload keeps them", async () => {
    await nav.getByRole("link", { name: "Monitor" }).click();
    await admin.page.getByLabel("Status").selectOption("closed");
    await until("the status in the address", async () => new URL(admin.page.url()).searchParams.get("status") === "closed");
    await admin.page.reload();
    await until("the filter kept", async () => (await admin.page.getByLabel("Status").inputValue()) === "closed");
  });

  await step("/api/docs: every route, rendered from this server alone, readable with a screen reader", async () => {
    const docs = await open({ viewport: { width: 1280, height: 900 } });
    const outside = [];
    docs.page.on("request", (r) => !r.url().startsWith(BASE) && !r.url().startsWith("data:") && outside.push(r.url()));
    await docs.page.goto(`${BASE}/api/docs`);
    await visible(docs.page.getByRole("heading", { name: "Webchat API", level: 1 }));
    await visible(docs.page.getByText("/api/invitations/accept").first(), 30_000);
    assert.deepEqual(outside, [], "nothing fetched from another origin");
    assert.deepEqual(await axeProblems(docs.page), []);
    // an operation opened, with "Try it out", and the Authorize dialog
    await docs.page.locator(".opblock-summary-control").first().click();
    await visible(docs.page.getByRole("button", { name: "Execute" }));
    assert.deepEqual(await axeProblems(docs.page), []);
    await docs.page.getByRole("button", { name: "Authorize" }).first().click();
    await visible(docs.page.getByRole("dialog"));
    assert.deepEqual(await axeProblems(docs.page), []);
    await docs.page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();
    await until("the dialog closed", async () => (await docs.page.getByRole("dialog").count()) === 0);
    assert.deepEqual(docs.problems, []);
    await shot(docs.page, "api-docs");
    assert.deepEqual(admin.problems, []);
  });
});
