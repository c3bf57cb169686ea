// A resident's journey through the website in headless Chromium (the distribution's package),
// once with JavaScript on and once with it off (registering, co-signing, commenting, voting),
// then a vote with the keyboard alone. Every page
// on the way is checked with axe-core (WCAG 2.1 A and AA) and photographed.
//
// Environment: JOURNEY_BASE_URL, JOURNEY_MAIL_DIR (the server's MAIL_URL=file:// folder),
// JOURNEY_RESIDENTS (three demo residents of the open round's area, comma-separated),
// JOURNEY_PASSWORD (theirs), JOURNEY_SHOTS (where screenshots go), CHROMIUM (its path).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { base, check, expect, finish, launch, newContext, shots, signIn } from "./checks.mjs";

const mailDir = process.env.JOURNEY_MAIL_DIR;
const residents = process.env.JOURNEY_RESIDENTS.split(",");

async function api(path) {
  const response = await fetch(base + path);
  return response.json();
}

/** The link to `path` in the newest mail to `address`, once it is sent. */
async function mailedLink(address, path) {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const files = readdirSync(mailDir)
      .filter((name) => name.endsWith(".eml"))
      .map((name) => join(mailDir, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      const text = readFileSync(file, "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (!text.includes(`To: ${address}`)) continue;
      const found = text.match(new RegExp(`https?://[^\\s]*${path}\\?token=[A-Za-z0-9_-]+`));
      if (found) return new URL(found[0]).pathname + new URL(found[0]).search;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no mail to ${address} with a link to ${path}`);
}

// What the demo city offers now: the edition collecting supports, and the open round.
const editions = (await api("/api/v1/editions")).items;
const supporting = editions.find((e) => e.phase === "support");
const voting = editions.find((e) => e.phase === "voting");
const round = (await api(`/api/v1/editions/${voting.id}/rounds`)).find((r) => r.status === "open");
const candidates = (
  await api(`/api/v1/editions/${supporting.id}/proposals?area_id=${round.area_id}&state=submitted`)
).items;
expect(candidates.length > 0, "the demo city has a proposal to support");

const browser = await launch();

for (const [mode, javaScript, resident] of [
  ["js", true, residents[0]],
  ["nojs", false, residents[1]],
]) {
  const context = await newContext(browser, { javaScript });
  const page = await context.newPage();

  await page.goto(base + "/");
  expect((await page.getAttribute("html", "lang")) === "nl", `${mode}: the home page is Dutch`);
  await check(page, `${mode}-home`);
  await page.goto(base + "/?lang=fr");
  expect((await page.getAttribute("html", "lang")) === "fr", `${mode}: French when chosen`);
  await check(page, `${mode}-home-fr`);
  await page.goto(base + "/?lang=nl");

  // A newcomer registers and confirms the address from the mail.
  const newcomer = `browser.${mode}.${Date.now()}@example.org`;
  await page.goto(base + "/register");
  await check(page, `${mode}-register`);
  await page.fill("#display_name", `Nieuwkomer ${mode}`);
  await page.fill("#email", newcomer);
  await page.fill("#password", "zeven kleine eenden op de vijver");
  await page.click("form[action='/register'] button[type=submit]");
  await check(page, `${mode}-registered`);
  await page.goto(base + (await mailedLink(newcomer, "/verify-email")));
  await check(page, `${mode}-verify`);
  await page.click("form[action='/verify-email'] button[type=submit]");
  expect((await page.content()).includes("bevestigd"), `${mode}: the address is confirmed`);
  await check(page, `${mode}-verified`);

  // A resident signs in, co-signs a proposal of their area and votes.
  await signIn(page, resident, mode);
  const proposal = candidates[mode === "js" ? 0 : candidates.length - 1];
  await page.goto(`${base}/proposals/${proposal.id}`);
  await check(page, `${mode}-proposal`);
  const supportButton = page.locator(`form[action='/proposals/${proposal.id}/support'] button`);
  if ((await supportButton.count()) > 0 && !(await page.content()).includes("Je steunt dit voorstel")) {
    await supportButton.click();
  }
  expect((await page.content()).includes("Je steunt dit voorstel"), `${mode}: the support shows`);

  // They join the discussion under the proposal; without JavaScript too.
  const said = `Goed plan, ${mode}: ook voor de kinderen van de school.`;
  await page.fill("#comment-body", said);
  await page.click(`form[action='/proposals/${proposal.id}/comments'] button[type=submit] >> nth=-1`);
  expect(/#comment-\d+$/.test(page.url()), `${mode}: the page comes back at the new comment (${page.url()})`);
  await check(page, `${mode}-commented`);
  const discussion = await api(`/api/v1/proposals/${proposal.id}/comments`);
  expect(discussion.some((c) => c.body === said), `${mode}: the comment is in the discussion`);

  await page.goto(`${base}/rounds/${round.id}`);
  await check(page, `${mode}-booth`);
  const boxes = page.locator("input[name=project_ids]");
  for (const index of [0, 1]) {
    if (!(await boxes.nth(index).isChecked())) await boxes.nth(index).check();
  }
  const tally = page.locator("#tally");
  if (javaScript) {
    const ticked = await page.locator("input[name=project_ids]:checked").count();
    const said = (await tally.textContent()) ?? "";
    expect((await tally.isVisible()) && said.includes(`koos ${ticked} van`), `${mode}: the booth counts the ${ticked} choices live (${said})`);
  } else {
    expect(!(await tally.isVisible()), `${mode}: without JavaScript the count stays hidden`);
  }
  await page.click(`form[action='/rounds/${round.id}/ballot'] button[type=submit]`);
  const receipt = await page.locator(".receipt code").textContent();
  expect(/^[0-9a-f]{16,}$/.test(receipt ?? ""), `${mode}: a receipt is shown (${receipt})`);
  await check(page, `${mode}-receipt`);
  await page.goto(`${base}/rounds/${round.id}`);
  expect((await page.content()).includes(receipt), `${mode}: the round's page shows the receipt`);
  await page.click("form[action='/logout'] button[type=submit]").catch(async () => {
    await page.goto(base + "/me");
    await page.click("form[action='/logout'] button[type=submit]");
  });
  await context.close();
}

// The keyboard alone: from the top of the booth, Tab to the first project, Space ticks it,
// Tab on to the button, Enter casts the vote.
{
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, residents[2], "keyboard");
  await page.goto(`${base}/rounds/${round.id}`);
  const focused = () => page.evaluate(() => {
    const element = document.activeElement;
    return element ? `${element.tagName}:${element.getAttribute("type") ?? ""}` : "";
  });
  let presses = 0;
  while ((await focused()) !== "INPUT:checkbox" && presses < 80) {
    await page.keyboard.press("Tab");
    presses += 1;
  }
  expect((await focused()) === "INPUT:checkbox", "Tab reaches the first project");
  await page.keyboard.press("Space");
  while ((await focused()) !== "BUTTON:submit" && presses < 160) {
    await page.keyboard.press("Tab");
    presses += 1;
  }
  await page.screenshot({ path: join(shots, "keyboard-booth.png"), fullPage: true });
  await Promise.all([
    page.waitForURL(`${base}/rounds/${round.id}/ballot`),
    page.keyboard.press("Enter"),
  ]);
  expect((await page.locator(".receipt code").count()) === 1, "the keyboard vote is cast");
  await check(page, "keyboard-receipt");
  await context.close();
}

await browser.close();
finish("browser journey");
