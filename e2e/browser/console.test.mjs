// End-to-end: the console as an admin runs the team from it, in headless
// Chromium: an invitation by email (this server has no SMTP_URL, so the
// console shows the link to pass on), the invited person accepting it in
// another browser and landing signed in in the agent app, the monitor's
// filters kept in the address across a reload, a webhook whose signed
// deliveries reach a receiver of the test's and show in the log, and the
// API docs page served by Webchat itself. axe-core on every screen. The
// server needs WEBHOOK_ALLOW_PRIVATE=true (the receiver is on loopback).
//
//   WEBCHAT_URL=http://127.0.0.1:3001 node --test e2e/browser/console.test.mjs
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import { test } from "node:test";
import { BASE, PHONE, axeProblems, browserFor, consoleLogin, shot, stepper, until, visible } from "./support.mjs";

const skip = BASE ? false : "set WEBCHAT_URL to run";

/** A webhook receiver on loopback: it keeps each request's headers and raw body. */
async function receiver(t) {
  const got = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  return { url: `http://127.0.0.1:${server.address().port}/hook`, got };
}

/** The README's check: HMAC-SHA256 of "<t>.<body>" under the secret. */
function signed(secret, { headers, body }) {
  const parts = Object.fromEntries(headers["webchat-signature"].split(",").map((p) => p.split("=", 2)));
  return createHmac("sha256", secret).update(`${parts.t}.${body}`).digest("hex") === parts.v1;
}

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

  await step("Webhooks: one for every event; a visitor's chat arrives signed, and the log shows it delivered", async () => {
    const hook = await receiver(t);
    await nav.getByRole("link", { name: "Webhooks" }).click();
    await admin.page.getByLabel("URL").fill(hook.url);
    await admin.page.getByRole("button", { name: "Add webhook" }).click();
    const secret = await admin.page.getByLabel("Signing secret").inputValue();
    assert.match(secret, /^whsec_/);
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-webhook-secret");
    await admin.page.getByRole("button", { name: "Done" }).click();

    const visitor = await open(PHONE);
    await visitor.page.goto(`${BASE}/`);
    await visitor.page.getByRole("button", { name: "Start a conversation" }).click();
    await visitor.page.getByLabel("Your name").fill(`Wes ${stamp}`);
    await visitor.page.keyboard.press("Enter");
    await visitor.page.getByLabel("Message", { exact: true }).fill("Do you repair e-bikes?");
    await visitor.page.keyboard.press("Enter");
    const created = await until("the visitor's message at the receiver", async () =>
      hook.got.find((r) => r.headers["webchat-event-type"] === "message.created" && r.body.includes("Do you repair e-bikes?")),
    30_000);
    assert.ok(signed(secret, created), "the signature checks out with the README's recipe");
    assert.equal(created.headers["webchat-event-id"], JSON.parse(created.body).id);

    await admin.page.getByRole("button", { name: /^Deliveries/ }).first().click();
    await visible(admin.page.getByRole("heading", { name: `Deliveries to ${hook.url}` }));
    await visible(admin.page.getByRole("cell", { name: /message\.created/ }));
    await visible(admin.page.getByText(/Delivered/).first());
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-webhooks");
    const before = hook.got.length;
    await admin.page.getByRole("button", { name: /^Send again/ }).first().click();
    await visible(admin.page.getByText("Queued to send again."));
    await until("the delivery sent again", async () => hook.got.length > before);
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
