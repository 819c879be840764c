// End-to-end: a visitor, an agent and an admin in headless Chromium, through
// the apps served by a running Webchat server.
//
//   WEBCHAT_URL=http://127.0.0.1:3001 WEBCHAT_ADMIN_EMAIL=... WEBCHAT_ADMIN_PASSWORD=... \
//     node --test e2e/browser/
//
// Without WEBCHAT_URL the test is skipped. The server routes chats itself
// (ROUTING=auto, the default): the agent is given the chat on logging in.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { T, until, visible } from "./support.mjs";

const BASE = (process.env.WEBCHAT_URL ?? "").replace(/\/+$/, "");
const ADMIN_EMAIL = process.env.WEBCHAT_ADMIN_EMAIL ?? "";
const ADMIN_PASSWORD = process.env.WEBCHAT_ADMIN_PASSWORD ?? "";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SUMMARY_T = Number(process.env.WEBCHAT_SUMMARY_TIMEOUT_MS ?? 60_000);

const skip = BASE ? false : "set WEBCHAT_URL (and WEBCHAT_ADMIN_EMAIL, WEBCHAT_ADMIN_PASSWORD) to run";

async function http(method, path, { token, body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      ...(body ? { "content-type": "application/json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  return { status: res.status, data };
}

/** A 320×180 PNG: an app bar and a red error box (what a visitor's screenshot stands for). */
const PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAUAAAAC0CAIAAABqhmJGAAACCElEQVR42u3ZMQ2AMBCG0TrARjV1ZkYOmhDTGcJAggGSMt7B" +
  "S56CP/2Wa5mWGUiqmAAEDAgYEDAIGBAwIGBAwCBgQMCAgEHAgIABAQMCBgEDAgYEDAgYBAwIGBAwCBgQMCBgQMAgYCBgwPtx" +
  "AkkJGAQMCBgQMAgYEDAgYEDAIGBAwICAQcCAgAEBAwIGAQMCBgQMCBgEDAgYEDAIGBAwIGBAwCBgQMCAgAEBg4CB/wW81Qqf" +
  "IWAQsIBBwAIGAb8N+Ood0hGwgBGwgEHAAgYBCxgBCxgELGAQsIBBwAJGwAIGAQsYBCxgBCxgTwEBCxgELGAQsIARsIDHwxGT" +
  "gAUsYAELWMAIWMACRsACFrCABSxghQhYwL6RQMACRsACBgELGAQsYBCwgBGwgEHAAgYBxwh4bQ0eCVjACFjAAkbAAhYwAhYw" +
  "AhawKzQIWMAIWMAgYAGDgAWMgAUMAhYwCFjAIGABI2ABg4AFDAIWMAhYwAhYwCBgAYOABYyABQwCzhQwZCdgELCAQcACBgED" +
  "AgYEDAIGBAwIGARsBRAwIGBAwCBgQMCAgAEBg4ABAQMCBgEDAgYEDAgYBAwIGBAwIGAQMCBgQMAgYEDAgIABAYOAAQEDAgYE" +
  "DAIGBAwIGAQMCBgQMCBgEDAgYEDAIGBAwICAAQGDgAEBAwIGBAwCBgQMCBgEDAgYEDAwdAPsDt2HYhzKAQAAAABJRU5ErkJg" +
  "gg==";


test("visitor, agent and admin: a whole chat", { skip, timeout: 300_000 }, async (t) => {
  const stamp = Date.now().toString(36);
  const visitorName = `Vera ${stamp}`;
  const agentName = `Agent ${stamp}`;
  const agentEmail = `agent-${stamp}@example.com`;
  const agentPassword = `pw-${stamp}-secret`;
  const supName = `Sue ${stamp}`;
  const supEmail = `supervisor-${stamp}@example.com`;
  const supPassword = `pw-${stamp}-supervisor`;
  const screenshots = process.env.WEBCHAT_SCREENSHOTS;
  const pageErrors = [];

  // ---- set-up: an admin token and a fresh agent --------------------------
  const login = await http("POST", "/api/auth/login", { body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  assert.equal(login.status, 200, `admin login: ${JSON.stringify(login.data)}`);
  const adminToken = login.data.token;
  const created = await http("POST", "/api/agents", {
    token: adminToken,
    body: { email: agentEmail, password: agentPassword, displayName: agentName },
  });
  assert.ok([200, 201].includes(created.status), `create agent: ${created.status} ${JSON.stringify(created.data)}`);
  const sup = await http("POST", "/api/agents", {
    token: adminToken,
    body: { email: supEmail, password: supPassword, displayName: supName, role: "supervisor" },
  });
  assert.ok([200, 201].includes(sup.status), `create supervisor: ${sup.status} ${JSON.stringify(sup.data)}`);
  assert.equal(sup.data.user.role, "supervisor", `created with role supervisor: ${JSON.stringify(sup.data)}`);
  const canned = await http("POST", "/api/canned-responses", {
    token: adminToken,
    body: { shortcut: `opening-${stamp}`, title: "Opening hours", text: "We are open 9 to 5, {{visitor.name}}. {{agent.name}}" },
  });
  assert.equal(canned.status, 201, `canned response: ${JSON.stringify(canned.data)}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  t.after(() => browser.close());
  const open = async (name, options = {}) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(`${name}: ${e.message}`));
    return page;
  };
  // The visitor uses a phone-sized screen.
  const visitor = await open("visitor", { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
  const agent = await open("agent", { viewport: { width: 1280, height: 860 } });
  const admin = await open("admin", { viewport: { width: 1280, height: 900 } });

  const vMessages = () => visitor.getByRole("list", { name: "Messages" });
  // Whoever has the chat: the agent, then (after the transfer) the supervisor.
  let staff = agent;
  const agentChat = () => staff.getByRole("region", { name: `Chat with ${visitorName}` });
  const aMessages = () => agentChat().getByRole("list", { name: "Messages" });
  const staffLogin = async (page, email, password) => {
    await page.goto(`${BASE}/agent/`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Log in" }).click();
  };
  const vSend = async (text) => {
    await visitor.getByRole("textbox", { name: "Message", exact: true }).fill(text);
    await visitor.getByRole("button", { name: "Send" }).click();
    await visible(vMessages().locator('li[data-sender="user"]:not([data-pending])', { hasText: text }));
  };

  // Steps run in order; once one fails, the rest are skipped (they depend on it).
  let broken = null;
  const step = async (name, fn) => {
    await t.test(name, { skip: broken ? `after "${broken}" failed` : false }, async () => {
      try {
        await fn();
      } catch (e) {
        broken = name;
        throw e;
      }
    });
  };

  await step("admin logs in to the monitor", async () => {
    await admin.goto(`${BASE}/admin/`);
    await admin.getByLabel("Email").fill(ADMIN_EMAIL);
    await admin.getByLabel("Password").fill(ADMIN_PASSWORD);
    await admin.getByRole("button", { name: "Log in" }).click();
    await visible(admin.getByRole("heading", { name: "Sessions" }));
    await visible(admin.getByText("Live", { exact: true }));
  });

  await step("visitor starts a chat from the landing page menu", async () => {
    await visitor.goto(`${BASE}/`);
    await visitor.getByRole("button", { name: "Chat with us" }).click();
    await visitor.getByRole("button", { name: "Chat here" }).click();
    await visitor.getByLabel("Your name").fill(visitorName);
    await visitor.getByRole("button", { name: "Start chat" }).click();
    await visible(visitor.getByRole("textbox", { name: "Message", exact: true }));
  });

  await step("the bot answers", async () => {
    await vSend("Hello, what are your opening hours?");
    await visible(vMessages().locator('li[data-sender="bot"]'), 30_000);
  });

  await step("admin sees the new session live", async () => {
    await visible(admin.getByRole("row").filter({ hasText: visitorName }));
  });

  await step("Talk to a human queues the chat; the visitor sees where they stand", async () => {
    await visitor.getByRole("button", { name: "Talk to a human" }).click();
    await visible(visitor.getByText(/in the queue, waiting for an agent/i));
    // nobody is online yet: first in line
    await visible(visitor.getByText(/^(You're next|You're number \d+ in line)( · (about \d+ min|less than a minute))?$/));
  });

  await step("the agent logs in: the chat is routed and opens at once, with the full history", async () => {
    await staffLogin(agent, agentEmail, agentPassword);
    await visible(aMessages().getByText("Hello, what are your opening hours?"));
    await visible(aMessages().locator('li[data-sender="bot"]'));
    await visible(agent.getByRole("button", { name: new RegExp(`${visitorName}`) }).filter({ hasText: "Web" }));
    await visible(visitor.getByRole("status").filter({ hasText: `${agentName} joined the chat` }));
    await visible(vMessages().locator('li[data-sender="system"]', { hasText: `${agentName} joined the chat.` }));
    await visitor.getByText(/in the queue, waiting for an agent/i).waitFor({ state: "detached", timeout: T });
    // routed, so not waiting in anyone's queue
    assert.equal(
      await agent.getByRole("list", { name: "Waiting visitors" }).getByRole("listitem").filter({ hasText: visitorName }).count(),
      0,
      "a routed chat is not left in the queue",
    );
  });

  await step("the agent's status: away, seen by the admin's team panel, then online again", async () => {
    const team = admin.getByRole("list", { name: "Agents" });
    await visible(team.getByRole("listitem").filter({ hasText: agentName }).filter({ hasText: "Online" }));
    await agent.getByLabel("Status").selectOption("away");
    await visible(team.getByRole("listitem").filter({ hasText: agentName }).filter({ hasText: "Away" }));
    await agent.getByLabel("Status").selectOption("online");
    await visible(team.getByRole("listitem").filter({ hasText: agentName }).filter({ hasText: "Online" }));
  });

  await step("People: the admin sees the agent's load and raises its capacity", async () => {
    await admin.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "People" }).click();
    const row = admin.getByRole("row").filter({ hasText: agentEmail });
    await visible(row.getByText("Online", { exact: true }));
    await visible(row.getByText("1 / 3 chats"));
    await row.getByRole("button", { name: `Edit ${agentName}` }).click();
    const form = admin.getByRole("form", { name: `Edit ${agentName}` });
    await form.getByLabel("Capacity").fill("4");
    await form.getByRole("button", { name: "Save" }).click();
    await visible(row.getByText("1 / 4 chats"));
    const dir = process.env.WEBCHAT_SCREENSHOTS;
    if (dir) await admin.screenshot({ path: `${dir}/people.png` });
    await admin.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Monitor" }).click();
    await visible(admin.getByRole("heading", { name: "Sessions" }));
  });

  await step("typing shows both ways", async () => {
    await visitor.getByRole("textbox", { name: "Message", exact: true }).fill("I am typ");
    await visible(agentChat().getByText(`${visitorName} is typing…`));
    await agentChat().getByRole("combobox", { name: "Message", exact: true }).fill("Let me ch");
    await visible(visitor.getByText(/is typing…/));
  });

  await step("they chat both ways", async () => {
    await agentChat().getByRole("combobox", { name: "Message", exact: true }).fill("Hi, I can help you with that.");
    await agentChat().getByRole("button", { name: "Send" }).click();
    await visible(vMessages().locator('li[data-sender="agent"]', { hasText: "Hi, I can help you with that." }));
    await vSend("Great, thank you!");
    await visible(aMessages().getByText("Great, thank you!"));
  });

  await step("the visitor attaches a picture; the agent sees it inline", async () => {
    const png = Buffer.from(PNG_BASE64, "base64");
    await visitor.getByLabel("Attach file").setInputFiles({ name: "broken-screen.png", mimeType: "image/png", buffer: png });
    await visible(visitor.getByRole("list", { name: "Files to send" }).getByText("broken-screen.png"));
    await visitor.getByRole("textbox", { name: "Message", exact: true }).fill("This is what I see");
    await visitor.getByRole("button", { name: "Send" }).click();
    await visible(vMessages().locator('li[data-sender="user"]:not([data-pending])', { hasText: "This is what I see" }));
    const img = aMessages().getByRole("img", { name: "broken-screen.png" });
    await visible(img);
    await until("the picture to load in the agent app", async () =>
      img.first().evaluate((el) => el.complete && el.naturalWidth > 0),
    );
    if (screenshots) {
      await agent.screenshot({ path: `${screenshots}/attachment.png` });
      await visitor.screenshot({ path: `${screenshots}/visitor-attachment.png` });
    }
  });

  await step("the agent answers with a canned response typed as /shortcut", async () => {
    const box = agentChat().getByRole("combobox", { name: "Message", exact: true });
    await box.fill("/open");
    const menu = agent.getByRole("listbox", { name: "Canned responses" });
    await visible(menu.getByRole("option", { name: /\/opening/ }));
    if (screenshots) await agent.screenshot({ path: `${screenshots}/canned.png` });
    await box.press("Enter");
    await agentChat().getByRole("button", { name: "Send" }).click();
    const filled = `We are open 9 to 5, ${visitorName}. ${agentName}`;
    await visible(vMessages().locator('li[data-sender="agent"]', { hasText: filled }));
  });

  await step("the contact panel shows the visitor's page; the agent tags the chat", async () => {
    const contact = agent.getByRole("complementary", { name: "Contact" });
    await visible(contact.getByText(visitorName));
    await visible(contact.getByRole("link").filter({ hasText: /Webchat|\/$/ }));
    const tagBox = agentChat().getByPlaceholder("Add a tag…");
    await tagBox.fill("screen");
    await tagBox.press("Enter");
    await visible(agentChat().getByRole("list", { name: "Tags" }).getByText("screen"));
    if (screenshots) await agent.screenshot({ path: `${screenshots}/contact.png` });
  });

  await step("search finds the chat by a word the visitor wrote", async () => {
    const box = agent.getByRole("search").getByRole("searchbox");
    await box.fill("opening hours");
    await box.press("Enter");
    const results = agent.getByRole("list", { name: "Search results" });
    await visible(results.getByText(visitorName));
    await visible(results.locator("mark", { hasText: /opening/i }));
    if (screenshots) await agent.screenshot({ path: `${screenshots}/search.png` });
    await agent.keyboard.press("Escape");
    await agent.getByRole("button", { name: /Back to chats|Close search/ }).first().click().catch(() => undefined);
    await visible(agentChat());
  });

  await step("the console: canned responses and search, as the admin sees them", async () => {
    await admin.getByRole("link", { name: "Canned responses" }).click();
    const table = admin.getByRole("table", { name: "Canned responses" });
    await visible(table.getByRole("rowheader", { name: `/opening-${stamp}` }));
    if (screenshots) await admin.screenshot({ path: `${screenshots}/admin-canned.png` });
    await admin.getByRole("link", { name: "Search" }).click();
    await admin.getByLabel("Words").fill("opening hours");
    await admin.getByRole("search", { name: "Search conversations" }).getByRole("button", { name: "Search" }).click();
    const results = admin.getByRole("region", { name: "Results" });
    await results.getByRole("button", { name: visitorName }).click();
    const conversation = admin.getByRole("region", { name: `Conversation with ${visitorName}` });
    await visible(conversation.getByText("This is what I see"));
    const matched = conversation.locator("li", { has: admin.getByText("Matches the search") });
    await visible(matched.getByText("Hello, what are your opening hours?"));
    if (screenshots) await admin.screenshot({ path: `${screenshots}/admin-search.png` });
    await admin.getByRole("link", { name: "Monitor" }).click();
    await visible(admin.getByRole("heading", { name: "Sessions" }));
  });

  await step("a private note: the team sees it, the visitor never does", async () => {
    await agent.getByText("Private notes").first().click();
    await agent.getByLabel("Add a private note").fill("VIP customer, refund approved");
    await agent.getByRole("button", { name: "Add note" }).click();
    await visible(agent.getByRole("list", { name: "Private notes" }).getByText("VIP customer, refund approved"));
    await visible(visitor.getByText("Great, thank you!"));
    assert.equal(await visitor.getByText("VIP customer").count(), 0, "the visitor sees no note");
  });

  await step("a reload keeps the chat, with no duplicates", async () => {
    const items = vMessages().locator("li[data-sender]");
    const before = await items.count();
    const texts = await items.locator(".msg-text").allTextContents();
    await visitor.reload();
    await visible(vMessages().getByText("Great, thank you!"));
    await until("the history to settle", async () => (await items.count()) >= before);
    await new Promise((r) => setTimeout(r, 1000)); // let any late duplicate arrive
    assert.equal(await items.count(), before, "message count after reload");
    assert.deepEqual(await items.locator(".msg-text").allTextContents(), texts, "messages after reload");
    for (const text of ["Hello, what are your opening hours?", "Hi, I can help you with that.", "Great, thank you!"]) {
      assert.equal(await vMessages().getByText(text, { exact: true }).count(), 1, `"${text}" shown once`);
    }
    await visible(visitor.getByRole("status").filter({ hasText: `${agentName} joined the chat` }));
  });

  await step("a message sent after the reload still reaches the agent", async () => {
    await vSend("Still there?");
    await visible(aMessages().getByText("Still there?"));
  });

  await step("offline: the visitor is told, and a message written meanwhile arrives once", async () => {
    await visitor.context().setOffline(true);
    await visible(visitor.getByRole("status").filter({ hasText: /offline/i }));
    await visitor.getByRole("textbox", { name: "Message", exact: true }).fill("Sent while offline");
    await visitor.getByRole("button", { name: "Send" }).click();
    await visitor.context().setOffline(false);
    await visible(vMessages().locator('li[data-sender="user"]:not([data-pending])', { hasText: "Sent while offline" }), 30_000);
    await visible(aMessages().getByText("Sent while offline"), 30_000);
    await visitor.getByRole("status").filter({ hasText: /offline/i }).waitFor({ state: "detached", timeout: T });
    assert.equal(await vMessages().getByText("Sent while offline", { exact: true }).count(), 1);
    assert.equal(await aMessages().getByText("Sent while offline", { exact: true }).count(), 1);
  });

  const supervisor = await open("supervisor", { viewport: { width: 1280, height: 860 } });

  await step("a supervisor logs in, opens Team chats and monitors the chat live", async () => {
    await staffLogin(supervisor, supEmail, supPassword);
    await supervisor.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "Team chats" }).click();
    const row = supervisor.getByRole("row").filter({ hasText: visitorName });
    await visible(row.filter({ hasText: agentName }));
    await row.getByRole("button", { name: "Monitor" }).click();
    const monitor = supervisor.getByRole("region", { name: `Monitoring the chat with ${visitorName}` });
    await visible(monitor.getByRole("status").filter({ hasText: "Monitoring — the visitor does not see you." }));
    await visible(monitor.getByRole("list", { name: "Messages" }).getByText("Sent while offline"));
    await vSend("Are you still checking?");
    await visible(monitor.getByRole("list", { name: "Messages" }).getByText("Are you still checking?"));
    await visible(aMessages().getByText("Are you still checking?"));
    assert.equal(await visitor.getByText(supName).count(), 0, "the visitor does not see the supervisor");
    if (screenshots) await supervisor.screenshot({ path: `${screenshots}/monitor.png` });
  });

  await step("the transfer dialog: keyboard first, Escape closes it", async () => {
    await agentChat().getByRole("button", { name: "Transfer", exact: true }).click();
    const dialog = agent.getByRole("dialog", { name: `Transfer the chat with ${visitorName}` });
    await visible(dialog);
    await visible(dialog.getByRole("radio", { name: new RegExp(supName) }));
    assert.ok(
      await dialog.evaluate((d) => d.contains(document.activeElement)),
      "the focus moves into the dialog",
    );
    await agent.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached", timeout: T });
    assert.equal(
      await agent.evaluate(() => document.activeElement?.textContent?.trim()),
      "Transfer",
      "the focus goes back to the Transfer button",
    );
  });

  const note = "Wants the refund today; already checked the order";
  await step("the agent transfers the chat to the supervisor with a note", async () => {
    await agentChat().getByRole("button", { name: "Transfer", exact: true }).click();
    const dialog = agent.getByRole("dialog", { name: `Transfer the chat with ${visitorName}` });
    await visible(dialog);
    await dialog.getByRole("radio", { name: new RegExp(supName) }).check();
    await dialog.getByLabel("Note for the next agent, not shown to the visitor").fill(note);
    if (screenshots) await agent.screenshot({ path: `${screenshots}/transfer-dialog.png` });
    await dialog.getByRole("button", { name: "Transfer", exact: true }).click();
    await dialog.waitFor({ state: "detached", timeout: T });
    await agentChat().waitFor({ state: "detached", timeout: T });
    await visible(agent.getByRole("status").filter({ hasText: `The chat with ${visitorName} was transferred` }).or(agent.getByRole("status").filter({ hasText: `Your chat with ${visitorName} was transferred` })));
  });

  await step("the supervisor has the chat, the note above the history; the visitor is told", async () => {
    staff = supervisor;
    await supervisor.getByRole("navigation", { name: "Views" }).getByRole("button", { name: "My chats" }).click();
    await visible(agentChat());
    const aside = agentChat().getByRole("complementary", { name: "Transfer note" });
    await visible(aside.getByText(`Transferred from ${agentName}`));
    await visible(aside.getByText(note));
    const above = await aside.evaluate(
      (n, list) => !!(n.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING),
      await aMessages().elementHandle(),
    );
    assert.ok(above, "the transfer note comes before the history");
    await visible(aMessages().getByText("Are you still checking?"));
    await visible(vMessages().locator('li[data-sender="system"]', { hasText: `${agentName} handed the chat to ${supName}.` }));
    assert.equal(await visitor.getByText(note).count(), 0, "the visitor never sees the note");
    await agentChat().getByRole("combobox", { name: "Message", exact: true }).fill("Sue here, I will finish this for you.");
    await agentChat().getByRole("button", { name: "Send" }).click();
    await visible(vMessages().locator('li[data-sender="agent"]', { hasText: "Sue here, I will finish this for you." }));
  });

  await step("End chat: the agent declines", async () => {
    await visitor.getByRole("button", { name: "End chat" }).click();
    const request = agentChat().getByRole("alert", { name: "End request" });
    await visible(request);
    await request.getByRole("button", { name: "Decline" }).click();
    await visible(visitor.getByText(/declined/i));
    await request.waitFor({ state: "detached", timeout: T });
  });

  await step("End chat again: the agent accepts and the chat closes", async () => {
    await visitor.getByRole("button", { name: "End chat" }).click();
    const request = agentChat().getByRole("alert", { name: "End request" });
    await visible(request);
    await request.getByRole("button", { name: "Accept" }).click();
    await visible(visitor.getByText("This chat has ended", { exact: false }));
    await visible(agentChat().getByText("This chat is closed"));
    assert.equal(await visitor.getByRole("textbox", { name: "Message", exact: true }).count(), 0, "no composer after close");
  });

  await step("admin sees the closed session, its transcript and its summary", async () => {
    const row = admin.getByRole("row").filter({ hasText: visitorName });
    await visible(row.getByText("Closed", { exact: true }));
    await row.getByRole("button", { name: visitorName }).click();
    const transcript = admin.getByRole("list", { name: "Transcript" });
    await visible(transcript.getByText("Great, thank you!"));
    await visible(admin.getByRole("heading", { name: "Summary" }), SUMMARY_T);
  });

  await step("the widget on a plain page: the bubble opens the visitor app in its frame, and the chat works", async () => {
    // A host page on another origin (another port): any site that embeds the widget.
    const page = `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title><h1>Shop</h1><script src="${BASE}/widget.js" data-site="https://shop.test" async></script>`;
    const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(page));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    t.after(() => server.close());
    const host = await open("widget host", { viewport: { width: 390, height: 780 }, isMobile: true, hasTouch: true });
    await host.goto(`http://127.0.0.1:${server.address().port}/`);
    // The bubble lives in a closed shadow root: reach it with the keyboard, as a visitor would.
    await until("the widget's bubble", async () => {
      await host.keyboard.press("Tab");
      return host.evaluate(() => document.activeElement && document.activeElement.tagName === "DIV");
    });
    await host.keyboard.press("Enter");
    const frame = await until("the widget's frame", async () => host.frames().find((f) => f.url().includes("/widget.html")));
    assert.match(frame.url(), /[?&]site=https%3A%2F%2Fshop\.test/);
    const name = `Wendy ${stamp}`;
    await frame.getByLabel("Your name").fill(name);
    await frame.getByRole("button", { name: "Start chat" }).click();
    const box = frame.getByRole("textbox", { name: "Message", exact: true });
    await visible(box);
    await box.fill("Do you ship abroad?");
    await frame.getByRole("button", { name: "Send" }).click();
    const messages = frame.getByRole("list", { name: "Messages" });
    await visible(messages.locator('li[data-sender="user"]:not([data-pending])', { hasText: "Do you ship abroad?" }));
    await visible(messages.locator('li[data-sender="bot"]'), 30_000);
    // The widget is the visitor app: it attaches files too.
    await frame.getByLabel("Attach file").setInputFiles({
      name: "receipt.png",
      mimeType: "image/png",
      buffer: Buffer.from(PNG_BASE64, "base64"),
    });
    await frame.getByRole("button", { name: "Send" }).click();
    await visible(messages.getByRole("img", { name: "receipt.png" }));
    await visible(admin.getByRole("row").filter({ hasText: name }));
    if (screenshots) await host.screenshot({ path: `${screenshots}/widget.png` });
  });

  await step("screenshots", async () => {
    if (!screenshots) return;
    await visitor.screenshot({ path: `${screenshots}/visitor.png` });
    await agent.screenshot({ path: `${screenshots}/agent.png` });
    await supervisor.screenshot({ path: `${screenshots}/supervisor.png` });
    await admin.screenshot({ path: `${screenshots}/admin.png` });
  });

  await step("no script errors in any page", async () => {
    assert.deepEqual(pageErrors, []);
  });
});

