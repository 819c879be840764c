// End-to-end: the visitor's side in headless Chromium, through the apps
// served by a running Webchat server: the widget embedded with its one-line
// script on a page of another origin, axe-core scans, a keyboard-only chat,
// a 360 px phone, Arabic, and after the chat its rating and transcript.
//
//   WEBCHAT_URL=http://127.0.0.1:3001 node --test e2e/browser/visitor.test.mjs
//
// Without WEBCHAT_URL the test is skipped. Run it on a server of its own
// (scripts/test.sh does): the offline step needs no agent online.
// The steps read the English texts: the console's widget settings must leave
// the language to the browser (locale "" or "en"), else the test is skipped.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { BASE, PHONE, axeProblems, browserFor, consoleLogin, serveSite, shot, stepper, until, visible } from "./support.mjs";

const skip = BASE ? false : "set WEBCHAT_URL to run";

async function getJson(path) {
  const res = await fetch(`${BASE}${path}`);
  assert.equal(res.status, 200, `GET ${path}`);
  return res.json();
}

/** How far the page scrolls sideways (0: it does not). */
const sideways = (target) => target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const focusedId = (target) => target.evaluate(() => document.activeElement?.id ?? "");

/** A page of its own origin (another port) that embeds the widget with the one-line script and nothing else. */
async function hostSite(t, scriptAttributes = "") {
  const page = `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title><main><h1>Shop</h1><p>Everything for your bike.</p></main><script src="${BASE}/widget.js" ${scriptAttributes} async></script></html>`;
  const server = createServer((req, res) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    else res.writeHead(204).end(); // favicon: no 404 in the console
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}/`;
}

/** A three-page site of its own origin, for the console to crawl. */
async function smallSite(t) {
  const page = (title, body, links) =>
    `<!doctype html><html lang="en"><title>${title}</title><main><h1>${title}</h1><p>${body}</p>${links.map((l) => `<a href="${l}">${l}</a>`).join(" ")}</main></html>`;
  const pages = {
    "/": page("Bike shop", "We sell and repair bicycles in Lyon.", ["/repairs", "/opening-hours"]),
    "/repairs": page("Repairs", "A puncture repair takes about twenty minutes and costs 12 euros.", ["/"]),
    "/opening-hours": page("Opening hours", "The workshop is open Tuesday to Saturday, 9 to 18.", ["/"]),
  };
  return serveSite(t, pages);
}

/** Tabs from the top of the host page to the widget's chat bubble (it lives in a closed shadow root, so only the keyboard reaches it). */
async function tabToBubble(page) {
  const bubble = await until("the widget's bubble", async () => {
    await page.keyboard.press("Tab");
    return page.evaluate(() => document.activeElement?.tagName === "DIV");
  });
  // the WhatsApp bubble, when the server has a number, comes first: Enter on it would leave the page
  const waFirst = (await getJson("/api/config")).whatsappNumber;
  if (waFirst) await page.keyboard.press("Tab");
  return bubble;
}


const widgetFrame = (page) => until("the widget's frame", async () => page.frames().find((f) => f.url().includes("/widget.html")));

test("the visitor's side: widget on another origin, accessibility, keyboard, phone, Arabic, after the chat", { skip, timeout: 300_000 }, async (t) => {
  const stamp = Date.now().toString(36);
  const settings = await getJson("/api/settings/widget");
  if (settings.locale && settings.locale !== "en") {
    t.skip(`the widget settings' language is ${settings.locale}; these steps read English`);
    return;
  }
  const open = await browserFor(t);
  const step = stepper(t);

  const host = await open(PHONE);
  let frame;

  await step("the widget with no attributes on a page of another origin: the console's look, and no console errors", async () => {
    await host.page.goto(await hostSite(t));
    await tabToBubble(host.page);
    await host.page.keyboard.press("Enter");
    frame = await widgetFrame(host.page);
    const query = new URL(frame.url()).searchParams;
    assert.equal(query.get("site"), settings.site || new URL(host.page.url()).origin);
    if (settings.title) assert.equal(query.get("title"), settings.title);
    if (/^#(?:[0-9a-f]{3}){1,2}$/i.test(settings.color)) assert.equal(query.get("color")?.toLowerCase(), settings.color.toLowerCase());
    if (settings.locale) assert.equal(query.get("locale"), settings.locale);
    await visible(frame.getByRole("region", { name: "Chat" }));
    assert.deepEqual(host.problems, []);
  });

  await step("keyboard only: the focus goes into the chat, to the message box once started, Escape closes and gives it back", async () => {
    await until("the name field focused", async () => (await focusedId(frame)) === "start-name");
    await host.page.keyboard.type(`Wendy ${stamp}`);
    await host.page.keyboard.press("Enter");
    await until("the message box focused", async () => (await focusedId(frame)) === "composer-text");
    await host.page.keyboard.type("Do you ship abroad? Supercalifragilisticexpialidocious-and-then-some-more-letters-without-a-space");
    await host.page.keyboard.press("Enter");
    const messages = frame.getByRole("list", { name: "Messages" });
    await visible(messages.locator('li[data-sender="user"]:not([data-pending])', { hasText: "Do you ship abroad?" }));
    await host.page.keyboard.press("Escape");
    await until("the panel closed", async () => !(await (await frame.frameElement()).isVisible()));
    assert.equal(await frame.evaluate(() => document.hasFocus()), false, "the focus left the chat");
    assert.equal(await host.page.evaluate(() => document.activeElement?.tagName), "DIV", "the focus is back on the bubble");
    await host.page.keyboard.press("Enter");
    await until("the message box focused again", async () => (await focusedId(frame)) === "composer-text");
  });

  await step("the widget at 360 px: no sideways scrolling, page or chat; axe finds nothing serious in the chat", async () => {
    await visible(frame.getByRole("list", { name: "Messages" }).locator('li[data-sender="bot"]'), 30_000);
    assert.equal(await sideways(host.page), 0, "host page");
    assert.equal(await sideways(frame), 0, "widget frame");
    assert.deepEqual(await axeProblems(frame), []);
    assert.deepEqual(host.problems, []);
    await shot(host.page, "widget");
  });

  const visitor = await open(PHONE);

  await step("/ : axe finds nothing serious on the landing page, nor in its chat", async () => {
    await visitor.page.goto(`${BASE}/`);
    await visible(visitor.page.getByRole("button", { name: "Start a conversation" }));
    assert.deepEqual(await axeProblems(visitor.page), []);
    await visitor.page.getByRole("button", { name: "Start a conversation" }).click();
    await visible(visitor.page.getByLabel("Your name"));
    assert.equal(await focusedId(visitor.page), "start-name");
    assert.deepEqual(await axeProblems(visitor.page), []);
  });

  await step("/ : keyboard only, at 360 px, and Escape closes the chat back to its button", async () => {
    await visitor.page.keyboard.type(`Vera ${stamp}`);
    await visitor.page.keyboard.press("Enter");
    await until("the message box focused", async () => (await focusedId(visitor.page)) === "composer-text");
    await visitor.page.keyboard.type("What are your opening hours? https://example.com/a/very/long/address/that/should/wrap/somewhere/nicely");
    await visitor.page.keyboard.press("Enter");
    await visible(visitor.page.getByRole("list", { name: "Messages" }).locator('li[data-sender="bot"]'), 30_000);
    assert.equal(await sideways(visitor.page), 0);
    assert.deepEqual(await axeProblems(visitor.page), []);
    await visitor.page.keyboard.press("Escape");
    await visible(visitor.page.getByRole("button", { name: "Chat with us" }));
    assert.equal(await visitor.page.evaluate(() => document.activeElement?.textContent), "Chat with us");
  });

  await step("no one online: Talk to a human says so before the click, and the chat asks for an email", async () => {
    const availability = await getJson("/api/availability");
    assert.equal(availability.agentsOnline, 0, "this file runs on a server of its own, with no agent online");
    await visitor.page.keyboard.press("Enter"); // the menu: Chat here
    await visitor.page.getByRole("button", { name: "Chat here" }).click();
    const talk = visitor.page.getByRole("button", { name: "Talk to a human" });
    await visible(talk);
    assert.match(await talk.evaluate((b) => document.getElementById(b.getAttribute("aria-describedby"))?.textContent ?? ""), /leave your email/);
    await talk.click();
    await visible(visitor.page.getByText("We're away right now. Leave your email and we'll reply there."));
    await visitor.page.getByRole("textbox", { name: "Your email" }).fill(`vera-${stamp}@example.com`);
    await visitor.page.getByRole("button", { name: "Email me" }).click();
    await visible(visitor.page.getByText(`We'll email you at vera-${stamp}@example.com.`));
    assert.deepEqual(await axeProblems(visitor.page), []);
    await shot(visitor.page, "offline");
  });

  await step("after the chat: one tap rates it, the transcript goes by email, axe finds nothing serious", async () => {
    if (!(await visitor.page.getByRole("button", { name: "End chat" }).isVisible())) {
      await visitor.page.getByRole("button", { name: "Chat with us" }).click();
      await visitor.page.getByRole("button", { name: "Chat here" }).click();
    }
    await visitor.page.getByRole("button", { name: "End chat" }).click();
    await visible(visitor.page.getByText("This chat has ended. Thank you!"));
    assert.deepEqual(await axeProblems(visitor.page), []);
    await visitor.page.getByLabel("Anything to add? (optional)").fill("Quick answers.");
    await visitor.page.getByRole("group", { name: "How was this chat?" }).getByRole("button", { name: "5 of 5, very good" }).click();
    await visible(visitor.page.getByText("Thanks for your feedback"));
    await visitor.page.getByRole("textbox", { name: "Your email" }).fill(`vera-${stamp}@example.com`);
    await visitor.page.getByRole("button", { name: "Send transcript" }).click();
    await visible(visitor.page.getByText(`We've sent the transcript to vera-${stamp}@example.com.`));
    await shot(visitor.page, "csat");
    assert.deepEqual(visitor.problems, []);
  });

  await step("Arabic: the widget asked for it (data-locale) is right to left, and so is / in an Arabic browser", async () => {
    const arabic = await open({ ...PHONE, locale: "ar" });
    await arabic.page.goto(await hostSite(t, 'data-locale="ar"'));
    await tabToBubble(arabic.page);
    await arabic.page.keyboard.press("Enter");
    const arFrame = await widgetFrame(arabic.page);
    await visible(arFrame.getByRole("button", { name: "ابدأ الدردشة" }));
    assert.deepEqual(await arFrame.evaluate(() => [document.documentElement.dir, document.documentElement.lang]), ["rtl", "ar"]);
    assert.equal(await sideways(arFrame), 0);
    assert.deepEqual(await axeProblems(arFrame), []);
    await shot(arabic.page, "widget-arabic");
    if (!settings.locale) {
      await arabic.page.goto(`${BASE}/chat`);
      await visible(arabic.page.getByLabel("اسمك"));
      assert.deepEqual(await arabic.page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]), ["rtl", "ar"]);
      assert.equal(await sideways(arabic.page), 0);
    }
    assert.deepEqual(arabic.problems, []);
  });

  await step("the console: the admin sets the widget's look and the business hours; the widget on the shop shows the new look", async () => {
    const admin = await open({ viewport: { width: 1280, height: 900 } });
    await consoleLogin(admin.page);
    // the monitor: filtered to one visitor, the offline conversation, closed, with the visitor's rating
    await admin.page.getByRole("search", { name: "Filter conversations" }).getByLabel("Search").fill(`Vera ${stamp}`);
    await visible(admin.page.getByText(/^1 of \d+ conversations$/));
    const row = admin.page.getByRole("row").filter({ hasText: `Vera ${stamp}` });
    await row.getByRole("button", { name: `Vera ${stamp}` }).click();
    await visible(admin.page.getByText(/Came in offline/));
    await visible(admin.page.getByText(/Rating: .*5\/5/));
    await visible(admin.page.getByText("Quick answers.", { exact: false }));
    await shot(admin.page, "admin-rating");
    const nav = admin.page.getByRole("navigation", { name: "Console" });
    await nav.getByRole("link", { name: "Widget" }).click();
    await admin.page.getByLabel("Title").fill(`Bike shop ${stamp}`);
    await admin.page.getByLabel("Hex code").fill("#0f766e");
    await admin.page.getByRole("button", { name: "Save widget settings" }).click();
    await until("the settings stored", async () => (await getJson("/api/settings/widget")).title === `Bike shop ${stamp}`);
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-widget");

    await nav.getByRole("link", { name: "Business hours" }).click();
    await visible(admin.page.getByRole("heading", { name: "Business hours" }));
    await admin.page.getByLabel("Always open").uncheck();
    await visible(admin.page.getByRole("group", { name: "Monday" }));
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-hours");

    // People: a new agent, from the console
    await nav.getByRole("link", { name: "People" }).click();
    const add = admin.page.getByRole("region", { name: "Add person" });
    await add.getByLabel("Name").fill(`Pat ${stamp}`);
    await add.getByLabel("Email").fill(`pat-${stamp}@example.com`);
    await add.getByLabel("Password").fill(`pw-${stamp}-agent-secret`);
    await add.getByRole("button", { name: "Add person" }).click();
    await visible(admin.page.getByRole("rowheader", { name: new RegExp(`Pat ${stamp}`) }).or(admin.page.getByRole("cell", { name: new RegExp(`Pat ${stamp}`) })));
    // and an admin resets Pat's password
    await admin.page.getByRole("button", { name: `Reset password for Pat ${stamp}` }).click();
    const dialog = admin.page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Generate a strong one" }).click();
    assert.deepEqual(await axeProblems(admin.page), []);
    await dialog.getByRole("button", { name: "Save" }).click();
    await visible(admin.page.getByText(`Password changed; Pat ${stamp} has been signed out everywhere.`));

    // Knowledge: crawl a site and watch it
    await nav.getByRole("link", { name: "Knowledge" }).click();
    await admin.page.getByLabel("Site address").fill(await smallSite(t));
    await admin.page.getByLabel("Max pages").fill("10");
    await admin.page.getByRole("button", { name: "Crawl site" }).click();
    await visible(admin.page.getByText("Done: 3 pages."), 30_000);
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-knowledge");

    // Reports, the audit log and an API token
    await nav.getByRole("link", { name: "Reports" }).click();
    await visible(admin.page.getByRole("heading", { name: "Reports" }));
    await visible(admin.page.getByRole("img", { name: /conversations/i }));
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-reports");
    await nav.getByRole("link", { name: "Audit log" }).click();
    await visible(admin.page.getByRole("cell", { name: "settings.widget" }).or(admin.page.getByText(/widget/i)));
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-audit");
    await nav.getByRole("link", { name: "API tokens" }).click();
    await admin.page.getByLabel("Name").fill("Nightly export");
    await admin.page.getByRole("button", { name: /Create/ }).click();
    await visible(admin.page.getByText(/Copy it now: it will not be shown again/));
    assert.deepEqual(await axeProblems(admin.page), []);
    await shot(admin.page, "admin-tokens");
    assert.deepEqual(admin.problems, []);

    const shop = await open(PHONE);
    await shop.page.goto(await hostSite(t));
    await tabToBubble(shop.page);
    await shop.page.keyboard.press("Enter");
    const shopFrame = await widgetFrame(shop.page);
    await visible(shopFrame.getByRole("heading", { name: `Bike shop ${stamp}` }));
    assert.equal(new URL(shopFrame.url()).searchParams.get("color"), "#0f766e");
  });
});
