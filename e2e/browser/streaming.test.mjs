// End-to-end: a bot answer written by a chat model streams into the visitor's
// chat in headless Chromium. The server under test talks to an
// OpenAI-compatible stand-in that writes a word every 120 ms
// (tests/support/openai_standin.py; scripts/test.sh starts both):
//
//   python3 tests/support/openai_standin.py 18199 &
//   OPENAI_API_KEY=sk-test OPENAI_BASE_URL=http://127.0.0.1:18199/v1 INGEST_ALLOW_PRIVATE=true target/debug/webchat
//   WEBCHAT_URL=http://127.0.0.1:3001 WEBCHAT_STREAMING=1 node --test e2e/browser/streaming.test.mjs
//
// The test crawls a two-page site it serves itself, asks a question, sees
// the answer grow in one busy bubble (axe-core passes on it), and then the
// stored answer in its place: one bubble, with its citation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE, axeProblems, browserFor, serveSite, shot, stepper, until, visible } from "./support.mjs";

const skip = BASE && process.env.WEBCHAT_STREAMING ? false : "set WEBCHAT_URL and WEBCHAT_STREAMING=1 (a server with a streaming chat model) to run";

async function site(t) {
  const page = (title, body) => `<!doctype html><html lang="en"><title>${title}</title><main><h1>${title}</h1><p>${body}</p><a href="/returns">Returns</a></main></html>`;
  const pages = {
    "/": page("Cycle shop", "City bikes and repairs in Lyon."),
    "/returns": page("Returns", "You can send back any bike within 30 days of delivery for a full refund. Every order includes a prepaid return label."),
  };
  return serveSite(t, pages);
}

async function ingest(url) {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  const { token } = await login.json();
  const started = await fetch(`${BASE}/ingest`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ site: url }),
  });
  assert.equal(started.status, 202);
  const { jobId } = await started.json();
  await until("the crawl to finish", async () => {
    const job = await (await fetch(`${BASE}/ingest/${jobId}`, { headers: { authorization: `Bearer ${token}` } })).json();
    assert.notEqual(job.status, "failed", JSON.stringify(job));
    return job.status === "done";
  }, 60_000);
}

test("a bot answer streams into the chat, then the stored answer takes its place", { skip, timeout: 120_000 }, async (t) => {
  const step = stepper(t);
  const open = await browserFor(t);
  const shop = await site(t);
  const { page, problems } = await open();
  const messages = page.getByRole("list", { name: "Messages" });

  await step("the site is crawled and a visitor asks", async () => {
    await ingest(shop);
    await page.goto(`${BASE}/`);
    await page.getByRole("button", { name: "Start a conversation" }).click();
    await page.getByLabel("Your name").fill("Sami");
    await page.keyboard.press("Enter");
    await until("the message box focused", () => page.evaluate(() => document.activeElement?.id === "composer-text"));
    await page.keyboard.type("Can I send a bike back for a refund?");
    await page.keyboard.press("Enter");
  });

  await step("the answer grows in one busy bubble, and axe finds nothing serious", async () => {
    const draft = messages.locator('li[data-streaming="true"]');
    await visible(draft, 30_000);
    assert.equal(await draft.getAttribute("aria-busy"), "true");
    assert.match(await draft.textContent(), /Writing/);
    const first = (await draft.locator(".msg-text").textContent()) ?? "";
    const later = await until("more of the answer", async () => {
      const now = (await draft.locator(".msg-text").textContent().catch(() => "")) ?? "";
      return now.length > first.length && now;
    });
    assert.ok(later.startsWith(first.trim()), `${first} → ${later}`);
    await shot(page, "streaming");
    assert.deepEqual(await axeProblems(page), []);
  });

  await step("the stored answer replaces the draft: one bubble, whole, with its citation", async () => {
    await until("the draft to end", async () => (await messages.locator('li[data-streaming="true"]').count()) === 0, 30_000);
    const bots = messages.locator('li[data-sender="bot"]');
    assert.equal(await bots.count(), 1, "one bot bubble");
    const text = await bots.first().textContent();
    assert.match(text, /30 days of delivery/);
    assert.equal(await bots.first().getAttribute("aria-busy"), null);
    assert.ok(await bots.first().getByRole("link", { name: /Returns/ }).count(), "the answer cites the returns page");
    await shot(page, "streamed");
    assert.deepEqual(problems, []);
  });
});
