// What the browser stories share: the server under test, Chromium, waiting
// for things to show, axe-core, screenshots, and a page that records its
// own errors.
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

export const BASE = (process.env.WEBCHAT_URL ?? "").replace(/\/+$/, "");
export const ADMIN_EMAIL = process.env.WEBCHAT_ADMIN_EMAIL ?? "admin@e2e.test";
export const ADMIN_PASSWORD = process.env.WEBCHAT_ADMIN_PASSWORD ?? "e2e-admin-password";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const T = 15_000;
const AXE = await readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

export const visible = (locator, timeout = T) => locator.first().waitFor({ state: "visible", timeout });

/** Polls `fn` until it returns a truthy value or the time is up. */
export async function until(what, fn, timeout = T) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** axe-core on a page or frame: the serious and critical violations, named with the elements they are on. */
export async function axeProblems(target) {
  await target.addScriptTag({ content: AXE });
  const violations = await target.evaluate(async () => (await window.axe.run(document)).violations);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

const SHOTS = process.env.WEBCHAT_SCREENSHOTS;
/** Serves `pages` (path → HTML) on a loopback port of its own until the test
 * `t` ends, for the server to crawl; returns its base URL. */
export async function serveSite(t, pages) {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url, "http://x").pathname];
    if (body) res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => server.close());
  return `http://127.0.0.1:${server.address().port}`;
}

/** A screenshot for the README, when WEBCHAT_SCREENSHOTS names a folder. */
export const shot = async (page, name) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` });
};

/** Headless Chromium, closed when the test `t` ends; `open()` gives a new
 * context's page and the errors it logged (page errors, console errors). */
export async function browserFor(t) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  t.after(() => browser.close());
  return async function open(options = {}) {
    // bypassCSP: axe-core is injected as an inline script
    const context = await browser.newContext({ bypassCSP: true, locale: "en-US", ...options });
    const page = await context.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // (a server without a favicon is no fault of the page)
    page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/favicon.ico") && problems.push(`console: ${m.text()}`));
    return { page, context, problems };
  };
}

/** Steps of one story: after a failure the rest are skipped, not run against a broken state. */
export function stepper(t) {
  let failed = false;
  return async (name, fn) => {
    await t.test(name, { skip: failed ? "an earlier step failed" : false }, async (st) => {
      try {
        await fn(st);
      } catch (e) {
        failed = true;
        throw e;
      }
    });
  };
}

/** Signs in to the console as the admin. */
export async function consoleLogin(page) {
  await page.goto(`${BASE}/admin/`);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
}
