// A resident's journey through the website in headless Chromium (the distribution's package),
// once with JavaScript on and once with it off (registering, co-signing, commenting, following,
// choosing notifications, voting), then a picture on a comment and a proposal's French version,
// a comment and a vote with the keyboard alone. Every page
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

/** An access token for a demo account, as a frontend gets it. */
async function tokenOf(email) {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: process.env.JOURNEY_PASSWORD }),
  });
  return (await response.json()).access_token;
}

/** A small picture, as a phone would send it. */
const picture = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABgAAAAQCAIAAACDRijCAAAClUlEQVR4nBXSERuGMBiF4XEyicfJJB4nk3icTOKHk0k8TibxOJnE42TS7/j63h9wX+c65xVC0Al6gRIMglFgBJNgFjjBIlgFCDbBLoiCQ3AKsuAS3IIqeASvQAhJJ+klSjJIRomRTJJZ4iSLZJUg2SS7JEoOySnJkktyS6rkkbzygxSdolcoxaAYFUYxKWaFUyyKVYFiU+yKqDgUpyIrLsWtqIpH8aoP0nSaXqM0g2bUGM2kmTVOs2hWDZpNs2ui5tCcmqy5NLemah7Nqz/I0Bl6gzIMhtFgDJNhNjjDYlgNGDbDboiGw3AasuEy3IZqeAyv+SBLZ+ktyjJYRouxTJbZ4iyLZbVg2Sy7JVoOy2nJlstyW6rlsbz2gxydo3cox+AYHcYxOWaHcyyO1YFjc+yO6DgcpyM7LsftqI7H8boP8nSe3qM8g2f0GM/kmT3Os3hWD57Ns3ui5/Ccnuy5PLeneh7P6z8IOuj/yzDA+C+ECeZ/DhZY+d8GO0Q44IQMF9xQ4YH3ezUR6AJ9QAWGwBgwgSkwB1xgCawBAltgD8TAETgDOXAF7kANPIE3fFCki/QRFRkiY8REpsgccZElssZ/ki2yR2LkiJyRHLkid6RGnsgbPyjRJfqESgyJMWESU2JOuMSSWBMktsSeiIkjcSZy4krciZp4Em/6oEyX6TMqM2TGjMlMmTnjMktmzf9KtsyeiZkjc2Zy5srcmZp5Mm/+oEJX6AuqMBTGgilMhbngCkthLVDYCnshFo7CWciFq3AXauEpvOWDKl2lr6jKUBkrpjJV5oqrLJW1/rfZKnslVo7KWcmVq3JXauWpvPWDGl2jb6jG0BgbpjE15oZrLI21QWNr7I3YOBpnIzeuxt2ojafxNn6Q3Alf0XLvqwAAAABJRU5ErkJggg==",
  "base64",
);

/** Presses Tab until the focus is on an element that `matches`; false when it never is. */
async function tabUntil(page, matches, most = 160) {
  for (let presses = 0; presses < most; presses += 1) {
    if (await page.evaluate(matches)) return true;
    await page.keyboard.press("Tab");
  }
  return false;
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

  // They follow the proposal, and choose a daily overview of new comments.
  await page.click("form#follow button[type=submit]");
  expect((await page.locator("form#follow input[value=unfollow]").count()) === 1, `${mode}: the proposal is followed`);
  await page.goto(`${base}/me/notifications`);
  await check(page, `${mode}-notifications`);
  await page.check("#new_comment-daily_digest");
  await page.click("form[action='/me/notifications'] button[type=submit]");
  expect(await page.isChecked("#new_comment-daily_digest"), `${mode}: the daily overview is chosen`);
  expect((await page.content()).includes(`href="/proposals/${proposal.id}"`), `${mode}: the followed proposal is listed`);

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

// A picture on the first resident's comment (through the API, as an app would), and the proposal
// in French, written by the city: the page shows both, in the reader's language.
{
  const proposal = candidates[0];
  const resident = await tokenOf(residents[0]);
  const mine = (await api(`/api/v1/proposals/${proposal.id}/comments`)).find((c) => c.body.includes("Goed plan, js"));
  const form = new FormData();
  form.append("file", new Blob([picture], { type: "image/png" }), "speelplein.png");
  form.append("alt_text", "Het speelplein naast de school");
  const uploaded = await fetch(`${base}/api/v1/comments/${mine.id}/attachments`, {
    method: "POST",
    headers: { authorization: `Bearer ${resident}` },
    body: form,
  });
  expect(uploaded.status === 201, `a picture is attached to the comment (${uploaded.status})`);
  const admin = await tokenOf(`admin@${residents[0].split("@")[1]}`);
  const translated = await fetch(`${base}/api/v1/translations/proposal/${proposal.id}/fr`, {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ title: `${proposal.title} (FR)`, summary: "Une proposition du quartier." }),
  });
  expect(translated.status === 200, `the proposal gets a French version (${translated.status})`);
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${base}/proposals/${proposal.id}?lang=fr`);
  expect((await page.getAttribute("h1", "lang")) === "fr", "the French site shows the French version");
  expect((await page.locator("img[alt='Het speelplein naast de school']").count()) === 1, "the comment shows its picture");
  await check(page, "picture-and-french-version");
  await page.click(`a[href='/proposals/${proposal.id}?version=nl']`);
  expect((await page.getAttribute("h1", "lang")) === "nl", "the link opens the Dutch version");
  await check(page, "dutch-version");
  await context.close();
}

// The keyboard alone: Tab to the comment box of a proposal, type, Tab to its button, Enter.
{
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, residents[2], "keyboard-comment");
  const proposal = candidates[0];
  await page.goto(`${base}/proposals/${proposal.id}`);
  expect(await tabUntil(page, () => document.activeElement?.id === "comment-body"), "Tab reaches the comment box");
  const said = "Met het toetsenbord: graag ook bankjes.";
  await page.keyboard.type(said);
  expect(
    await tabUntil(page, () => document.activeElement?.tagName === "BUTTON" && document.activeElement.closest("form")?.action.endsWith("/comments"), 10),
    "Tab goes on to the comment's button",
  );
  await Promise.all([page.waitForURL(/#comment-\d+$/), page.keyboard.press("Enter")]);
  const discussion = await api(`/api/v1/proposals/${proposal.id}/comments`);
  expect(discussion.some((c) => c.body === said), "the keyboard comment is in the discussion");
  await check(page, "keyboard-comment");
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
