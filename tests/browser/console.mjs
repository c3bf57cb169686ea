// The city's console in headless Chromium on the demo city: each role does its main task in
// the browser (the area worker, reviewer and moderator with the keyboard alone), every page on the way is checked with
// axe-core and photographed, and every effect is read back through the public API.
//
// Environment: as checks.mjs, and JOURNEY_DOMAIN (the demo accounts' mail domain).
import { readFileSync } from "node:fs";
import { base, check, expect, finish, launch, newContext, password, signIn } from "./checks.mjs";

const domain = process.env.JOURNEY_DOMAIN;
const account = (name) => `${name}@${domain}`;

async function api(path, { token, method = "GET", body } = {}) {
  const response = await fetch(base + "/api/v1" + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function tokenOf(name) {
  const reply = await api("/auth/login", {
    method: "POST",
    body: { email: account(name), password },
  });
  return reply.json.access_token;
}

/** Presses Tab until the element with this id has the focus; false when it never does. */
async function tabTo(page, id) {
  for (let presses = 0; presses < 120; presses += 1) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return true;
    await page.keyboard.press("Tab");
  }
  return false;
}

const admin = await tokenOf("admin");
const editions = (await api("/editions")).json.items;
const inPhase = (phase) => editions.find((e) => e.phase === phase);
const browser = await launch();

async function as(name, task) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await signIn(page, account(name), name);
  await page.goto(base + "/console");
  await check(page, `${name}-console`);
  await task(page);
  await context.close();
}

// The area worker verifies a waiting resident in person and prints letter codes for the area,
// with the keyboard alone.
await as("wijkwerker64", async (page) => {
  await page.click("a[href$='/residents']");
  await check(page, "area-worker-queue");
  const newcomer = await tokenOf("nieuwe.buur65");
  const waitingId = (await api("/me", { token: newcomer })).json.id;
  expect(await tabTo(page, `verify-${waitingId}`), "Tab reaches the resident's verify button");
  await page.keyboard.press("Enter");
  await page.waitForURL(/verified=/);
  expect((await page.locator("[role=status]").count()) === 1, "the verification is confirmed");
  const residency = (await api("/me", { token: newcomer })).json.residency;
  expect(residency?.method === "in_person", `verified in person (${JSON.stringify(residency)})`);
  await page.goto(base + "/console");
  await page.click("a[href$='/letter-codes']");
  await check(page, "area-worker-codes");
  expect(await tabTo(page, "count"), "Tab reaches the number of codes");
  await page.keyboard.type("3");
  await page.keyboard.press("Enter");
  await page.waitForSelector("code");
  const codes = await page.locator("code").allTextContents();
  expect(codes.length === 3, `three codes on the sheet (${codes.length})`);
  await check(page, "area-worker-sheet");
  const redeemed = await api("/me/residency", {
    method: "POST",
    token: await tokenOf("nieuwe.buurvrouw66"),
    body: { code: codes[0] },
  });
  expect(redeemed.status === 200, `a printed code proves the residency (${redeemed.status})`);
});

// The reviewer reviews the proposal waiting for the department, with the keyboard alone.
const reviewing = inPhase("review");
const waiting = (await api(`/editions/${reviewing.id}/proposals?state=threshold_reached`)).json.items[0];
await as("dienst.groen61", async (page) => {
  await page.click("a[href='/console/reviews']");
  await check(page, "reviewer-queue");
  await page.click(`a[href='/console/reviews/${waiting.id}']`);
  await check(page, "reviewer-form");
  expect(await tabTo(page, "verdict-feasible"), "Tab reaches the verdict");
  await page.keyboard.press("Space");
  expect(await tabTo(page, "public_explanation"), "Tab reaches the explanation");
  await page.keyboard.type("Kan op de zijgevel van de bibliotheek.");
  expect(await tabTo(page, "reviewed_cost"), "Tab reaches the cost");
  await page.keyboard.type("4.200");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/console\/reviews\?reviewed=/);
  await check(page, "reviewer-done");
  const reviewed = (await api(`/proposals/${waiting.id}`)).json;
  expect(reviewed.state === "feasible", `the proposal is feasible (${reviewed.state})`);
  expect(reviewed.review?.reviewed_cost_cents === 420000, "with the cost typed");
});

// A resident reports a proposal; the area worker hides it with a reason.
const supporting = inPhase("support");
const submitted = (await api(`/editions/${supporting.id}/proposals?state=submitted&limit=100`)).json.items;
const [reported, target, duplicate] = submitted.slice(1, 4);
await api(`/proposals/${reported.id}/reports`, {
  method: "POST",
  token: await tokenOf("bewoner.brug9"),
  body: { reason: "Staat vol scheldwoorden" },
});
await as("wijkwerker64", async (page) => {
  await page.click("a[href='/console/moderation']");
  await check(page, "moderator-queue");
  await page.click(`a[href='/console/moderation/${reported.id}']`);
  await check(page, "moderator-form");
  expect(await tabTo(page, "decision-hide"), "Tab reaches the decision");
  await page.keyboard.press("Space");
  expect(await tabTo(page, "reason"), "Tab reaches the reason");
  await page.keyboard.type("Beledigend voor de buren");
  await page.keyboard.press("Tab");
  expect((await page.evaluate(() => document.activeElement?.type)) === "submit", "Tab reaches the button after the reason");
  await page.keyboard.press("Enter");
  await page.waitForURL(/decided=/);
  await check(page, "moderator-done");
  const hidden = (await api(`/proposals/${reported.id}`, { token: admin })).json;
  expect(hidden.hidden === true, "the reported proposal is hidden");
});

// The administrator merges a duplicate after its preview, sets up an edition after previewing
// its envelopes, and moves the reviewed edition to voting, sets up a round and opens it.
await as("admin", async (page) => {
  await page.goto(`${base}/console/proposals/${target.id}/merge`);
  await check(page, "admin-merge");
  await page.fill("#proposal_ids", String(duplicate.id));
  await page.click("button[value=preview]");
  expect((await page.locator("#preview-title").count()) === 1, "the merge is previewed");
  expect((await api(`/proposals/${duplicate.id}`)).json.state === "submitted", "the preview merged nothing");
  await check(page, "admin-merge-preview");
  await page.fill("#reason", "Hetzelfde voorstel");
  await page.click("button[value=merge]");
  const merged = (await api(`/proposals/${duplicate.id}`)).json;
  expect(merged.merged_into_id === target.id, `merged into ${target.id} (${merged.merged_into_id})`);

  await page.goto(base + "/console/areas");
  await check(page, "admin-areas");
  await page.click("a[href='/console/areas/new']");
  await page.fill("#code", "DOK");
  await page.fill("#name", "Oude Dokken");
  await page.fill("#population", "4200");
  await page.fill("#deprivation_index", "0,3");
  await page.fill("#geometry", JSON.stringify({ type: "Polygon", coordinates: [[[3.73, 51.07], [3.75, 51.07], [3.75, 51.08], [3.73, 51.08], [3.73, 51.07]]] }));
  await page.click("button[value=preview]");
  expect((await page.locator("figure.map a[aria-current=page]").count()) === 1, "the outline is previewed on the map");
  await check(page, "admin-area-preview");
  expect(!(await api("/areas?limit=100")).json.items.some((a) => a.code === "DOK"), "the preview saved nothing");
  await page.click("button[value=save]");
  await page.waitForURL(/saved=DOK/);
  await page.setInputFiles("#file", {
    name: "gebieden.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("code,name,population,deprivation_index,parent_code\nDOK-N,Dokken Noord,1800,0.35,DOK\n"),
  });
  await page.click("form[action='/console/areas/file'] button");
  await check(page, "admin-areas-checked");
  expect(!(await api("/areas?limit=100")).json.items.some((a) => a.code === "DOK-N"), "a checked file is not saved yet");
  await page.click("form[action='/console/areas/import'] button");
  await page.waitForURL(/created=1/);
  const areas = (await api("/areas?limit=100")).json.items;
  const dok = areas.find((a) => a.code === "DOK");
  const north = areas.find((a) => a.code === "DOK-N");
  expect(dok?.geometry && north?.parent_id === dok.id, `the area and its part are saved (${JSON.stringify(north)})`);

  // The area's name in French, kept with its history; the French site uses it.
  await page.goto(`${base}/console/areas/${dok.id}`);
  await page.fill("#name_fr", "Anciens Docks");
  await page.click(`form[action='/console/areas/${dok.id}/names'] button`);
  await page.waitForURL(/#names$/);
  await check(page, "admin-area-names");
  expect((await page.inputValue("#name_fr")) === "Anciens Docks", "the French name is kept");
  await page.goto(`${base}/areas/${dok.id}?lang=fr`);
  expect((await page.textContent("h1")) === "Anciens Docks", "the French site names the area in French");

  await page.goto(base + "/console/editions");
  await check(page, "admin-editions");
  await page.click("a[href='/console/editions/new']");
  await page.fill("#name", "Wijkbudget 2030");
  await page.fill("#fiscal_year", "2030");
  await page.fill("#base", "300000000");
  await page.fill("#reserved", "0,5");
  await page.fill("#citywide", "10");
  await page.fill("#alpha", "1");
  await page.fill("#floor", "5000");
  for (const box of await page.locator("input[name=area]").all()) await box.check();
  await page.click("button[value=preview]");
  const rows = await page.locator("section[aria-labelledby=envelopes-title] tbody tr").count();
  expect(rows === 1 + (await page.locator("input[name=area]").count()), `an envelope per area and the city (${rows})`);
  await check(page, "admin-edition-preview");
  await page.click("button[value=save]");
  const created = Number(new URL(page.url()).pathname.split("/").pop());
  const edition = (await api(`/editions/${created}`)).json;
  expect(edition.reserved_bp === 50 && edition.base_cents === 30000000000, `the edition is saved (${JSON.stringify(edition).slice(0, 120)})`);
  await check(page, "admin-edition-saved");

  await page.goto(`${base}/console/editions/${reviewing.id}`);
  await page.click("form[action$='/phase'] button:not(.secondary)");
  expect((await api(`/editions/${reviewing.id}`)).json.phase === "voting", "the edition is in voting");
  await page.click(`a[href='/console/editions/${reviewing.id}/rounds/new']`);
  await check(page, "admin-round-new");
  await page.selectOption("#area", String(waiting.area_id));
  await page.selectOption("#ballot_type", "approval");
  await page.selectOption("#rule", "equalshares");
  const at = (days) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 16);
  await page.fill("#opens_at", at(1));
  await page.fill("#closes_at", at(15));
  await page.fill("#max_choices", "3");
  await page.click(`form[action='/console/editions/${reviewing.id}/rounds'] button[type=submit]`);
  await check(page, "admin-round-check");
  const round = Number(new URL(page.url()).pathname.split("/").pop());
  await page.click(`form[action='/console/rounds/${round}/open'] button`);
  const opened = (await api(`/rounds/${round}`)).json;
  expect(opened.status === "open" && opened.projects.length >= 4, `the round is open with its ballot (${opened.status}, ${opened.projects?.length})`);
  await check(page, "admin-round-open");
});

// The council amends the counted round of the edition in its decision phase.
const deciding = inPhase("decision");
const counted = (await api(`/editions/${deciding.id}/rounds`)).json.find((r) => r.status === "closed");
await as("raadslid62", async (page) => {
  await page.click("a[href='/console/council']");
  await check(page, "council-rounds");
  await page.click(`a[href='/console/rounds/${counted.id}/decision']`);
  await check(page, "council-decision");
  await page.check("#kind-amend");
  await page.fill("#council_session", "Gemeenteraad 2025-09-22, punt 7");
  await page.fill("#decided_on", "2025-09-22");
  const added = await page.locator("tr.not-funded input[name=change]").first().getAttribute("value");
  await page.check(`#change-${added}`);
  await page.fill(`#reason-${added}`, "De school vroeg het dringend");
  await page.fill("#over_envelope_reason", "Aangevuld uit de reserve van het district");
  await page.click(`form[action='/console/rounds/${counted.id}/decision'] button[type=submit]`);
  await check(page, "council-decided");
  const history = (await api(`/rounds/${counted.id}/decisions`)).json;
  const last = history[history.length - 1];
  expect(last.kind === "amend" && last.approved_proposal_ids.includes(Number(added)), `the amendment stands (${JSON.stringify(last).slice(0, 160)})`);
});

// Finance funds an approved project from a budget line, orders, pays and downloads the report.
const approved = (await api(`/editions/${deciding.id}/proposals?state=approved`)).json.items[0];
await as("financien63", async (page) => {
  await page.click("a[href='/console/finance']");
  await check(page, "finance-followed");
  await page.click(`a[href='/console/finance/proposals/${approved.id}']`);
  await check(page, "finance-books");
  const line = await page.locator("#fund-line option", { hasText: String(deciding.fiscal_year) }).first().getAttribute("value");
  await page.selectOption("#fund-line", line);
  await page.fill("#fund-amount", "2500");
  await page.selectOption("#fund-kind", "purchase");
  await page.click("form[action$='/fundings'] button");
  await page.fill("#commit-party", "Tuinaannemer Verbeke");
  await page.fill("#commit-reference", "PO-2025-77");
  await page.fill("#commit-date", "2025-10-01");
  await page.fill("#commit-amount", "2500");
  await page.click("form[action$='/commitments'] button");
  await page.fill("#spend-reference", "F-2025-310");
  await page.fill("#spend-date", "2025-11-15");
  await page.fill("#spend-amount", "1250,50");
  await page.click("form[action$='/expenditures'] button");
  await check(page, "finance-booked");
  const money = (await api(`/proposals/${approved.id}/report`, { token: admin })).json;
  expect(
    money.allocated_cents === 250000 && money.committed_cents === 250000 && money.spent_cents === 125050,
    `funded, ordered and paid (${money.allocated_cents}, ${money.committed_cents}, ${money.spent_cents})`,
  );
  const entry = await page.locator("#reverse-entry option", { hasText: "F-2025-310" }).first().getAttribute("value");
  await page.selectOption("#reverse-entry", entry);
  await page.fill("#reverse-amount", "0,50");
  await page.fill("#reverse-reason", "Afronding op de factuur");
  await page.click("form[action$='/reversals'] button");
  await check(page, "finance-reversed");
  const corrected = (await api(`/proposals/${approved.id}/report`, { token: admin })).json;
  expect(corrected.spent_cents === 125000, `the payment is corrected by a reversal (${corrected.spent_cents})`);

  await page.goto(base + "/console/finance/plans");
  await check(page, "finance-plans");
  await page.goto(base + "/console/finance/lines");
  await check(page, "finance-lines");
  const finance = await tokenOf("financien63");
  const [line0] = (await api("/budget-lines", { token: finance })).json;
  const lineRow = `${line0.plan_version_id},${line0.fiscal_year},${line0.action_id},${line0.policy_field_code},${line0.ledger_account_code},${line0.planned_cents + 100000}`;
  await page.setInputFiles("#file", {
    name: "lijnen.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`plan_version_id,fiscal_year,action_id,policy_field_code,ledger_account_code,planned_cents\n${lineRow}\n`),
  });
  await page.click("form[action='/console/finance/lines/file'] button");
  await check(page, "finance-lines-checked");
  await page.click("form[action='/console/finance/lines/import'] button");
  await page.waitForURL(/updated=1/);
  const raised = (await api("/budget-lines", { token: finance })).json.find((l) => l.id === line0.id);
  expect(raised.planned_cents === line0.planned_cents + 100000, `the imported line's amount is set (${raised.planned_cents})`);

  await page.goto(base + "/console/finance/report?group=edition");
  await check(page, "finance-report");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click("a[href^='/console/finance/report.csv']"),
  ]);
  const csv = readFileSync(await download.path(), "utf8");
  const row = csv.split("\n").find((line) => line.startsWith(`${deciding.id},`)) ?? "";
  expect(/^\d+,\d+,\d+,\d+,\d+$/.test(row) && Number(row.split(",")[4]) >= 125000, `the report's CSV has the edition's row (${row})`);
});

await browser.close();
finish("console journey");
