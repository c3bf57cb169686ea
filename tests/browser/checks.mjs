// What every browser journey shares: where the server and the screenshots are, failures that
// are counted instead of thrown (one run reports them all), axe-core on each page, signing in.
//
// Environment: JOURNEY_BASE_URL, JOURNEY_PASSWORD (the demo accounts'), JOURNEY_SHOTS (where
// screenshots go), CHROMIUM (its path).
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
export const base = process.env.JOURNEY_BASE_URL;
export const password = process.env.JOURNEY_PASSWORD;
export const shots = process.env.JOURNEY_SHOTS;
mkdirSync(shots, { recursive: true });

let failures = 0;
/** The browser contexts with JavaScript on, where axe can run. */
const scriptsRun = new WeakSet();

export function fail(message) {
  failures += 1;
  console.log(`FAILED: ${message}`);
}

export function expect(condition, message) {
  if (!condition) fail(message);
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
}

/** A fresh browser context in Dutch (Belgium), with JavaScript on unless asked otherwise. */
export async function newContext(browser, { javaScript = true } = {}) {
  const context = await browser.newContext({
    javaScriptEnabled: javaScript,
    bypassCSP: true,
    locale: "nl-BE",
    acceptDownloads: true,
  });
  if (javaScript) scriptsRun.add(context);
  return context;
}

/**
 * Runs axe on the page and photographs it; every violation fails the journey. Without
 * JavaScript axe cannot run in the page; the site sends the same HTML either way, and the
 * journey with JavaScript checks those pages.
 */
export async function check(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  if (!scriptsRun.has(page.context())) return;
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }),
  );
  for (const violation of result.violations) {
    const where = violation.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(" | ");
    fail(`${name}: ${violation.id} (${violation.impact}): ${violation.help} at ${where}`);
  }
}

export async function signIn(page, email, label) {
  await page.goto(base + "/login");
  await check(page, `${label}-login`);
  await page.fill("#email", email);
  await page.fill("#password", password);
  await page.click("form[action='/login'] button[type=submit]");
  expect(new URL(page.url()).pathname === "/me", `${label}: signing in leads to my page, not ${page.url()}`);
  await check(page, `${label}-me`);
}

/** Ends the journey: every failure was printed; the exit status says whether there were any. */
export function finish(name) {
  console.log(failures === 0 ? `${name} passed` : `${name}: ${failures} failures`);
  process.exit(failures === 0 ? 0 : 1);
}
