// A resident's journey and a staff call through a TypeScript client: types generated from the
// OpenAPI document by openapi-typescript, requests made by openapi-fetch, the whole checked by
// `tsc --strict`, written as a third-party frontend team would write it.
//
// Run by .ci/client-journeys against a server on the demo city (`wijkbudget seed-demo`), with
// the generated types in generated/api.d.ts and these settings: JOURNEY_BASE_URL,
// JOURNEY_MAIL_DIR (the server's MAIL_URL=file:// folder), JOURNEY_ADMIN_EMAIL and
// JOURNEY_ADMIN_PASSWORD (the demo city's administrator). Exits non-zero, naming the step, at
// the first answer that is not the expected one.

import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/api.js";

type Phase = components["schemas"]["Phase"];
type Problem = components["schemas"]["Problem"];

const baseUrl = setting("JOURNEY_BASE_URL");
const mailDir = setting("JOURNEY_MAIL_DIR");

function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function fail(step: string, why: unknown): never {
  console.error(`${step}: ${typeof why === "string" ? why : JSON.stringify(why)}`);
  process.exit(1);
}

/** The data of an answer with the expected status, or the end of the journey. */
function expect<T>(step: string, answer: { data?: T; error?: unknown; response: Response }, status: number): T {
  if (answer.response.status !== status || answer.data === undefined) {
    fail(step, `expected ${status}, got ${answer.response.status}: ${JSON.stringify(answer.error)}`);
  }
  console.log(`ok  ${step} (${status})`);
  return answer.data;
}

/** The token of the link to `path` in the newest mail to `address`, once it is sent. */
async function mailedToken(address: string, path: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const files = readdirSync(mailDir)
      .filter((name) => name.endsWith(".eml"))
      .map((name) => join(mailDir, name))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      // Quoted-printable soft line breaks and `=3D` are undone before looking for the link.
      const text = readFileSync(file, "utf8").replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (!text.includes(address)) continue;
      const found = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
      if (found?.[1]) return found[1];
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail("read the mail", `no mail to ${address} with a link to ${path}`);
}

function clientWith(token?: string) {
  return createClient<paths>({
    baseUrl,
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
}

async function signIn(email: string, password: string, step: string) {
  const tokens = expect(step, await clientWith().POST("/api/v1/auth/login", { body: { email, password } }), 200);
  return { tokens, client: clientWith(tokens.access_token) };
}

async function editionIn(client: ReturnType<typeof clientWith>, phase: Phase) {
  const page = expect(`list editions in phase ${phase}`, await client.GET("/api/v1/editions"), 200);
  const edition = page.items.find((e) => e.phase === phase);
  return edition ?? fail("find an edition", `none in phase ${phase}`);
}

async function main() {
  const anonymous = clientWith();
  const address = `resident-${randomUUID().slice(0, 12)}@example.org`;
  const password = "a long journey through the typed client";

  const voting = await editionIn(anonymous, "voting");
  const rounds = expect(
    "list the voting edition's rounds",
    await anonymous.GET("/api/v1/editions/{id}/rounds", { params: { path: { id: voting.id } } }),
    200,
  );
  const openRound = rounds.find((r) => r.status === "open") ?? fail("find the open round", rounds);
  const areaId = openRound.area_id ?? fail("find the open round's area", openRound);

  expect(
    "register",
    await anonymous.POST("/api/v1/auth/register", {
      body: { email: address, password, display_name: "TypeScript Bewoner", area_id: areaId },
    }),
    202,
  );
  const token = await mailedToken(address, "/verify-email");
  const verified = await anonymous.POST("/api/v1/auth/verify-email", { body: { token } });
  if (verified.response.status !== 204) fail("verify the e-mailed link", verified.error);
  console.log("ok  verify the e-mailed link (204)");
  let { tokens, client: resident } = await signIn(address, password, "sign in");
  const me = expect("read my account", await resident.GET("/api/v1/me"), 200);
  if (me.email !== address || !me.email_verified) fail("read my account", me);

  const { client: admin } = await signIn(setting("JOURNEY_ADMIN_EMAIL"), setting("JOURNEY_ADMIN_PASSWORD"), "staff signs in");
  const refused = await admin.POST("/api/v1/users/{id}/residency", {
    params: { path: { id: me.id } },
    body: { area_id: -1, method: "in_person" },
  });
  const problem: Problem | undefined = refused.error;
  if (refused.response.status !== 422 || !problem) fail("staff verifies residency in a missing area", refused);
  if (problem.errors?.map((e) => e.field).join() !== "area_id") fail("read the problem's fields", problem);
  console.log(`ok  staff verifies residency in a missing area (422): ${problem.code}: ${problem.errors[0]?.message}`);
  expect(
    "staff verifies residency in person",
    await admin.POST("/api/v1/users/{id}/residency", {
      params: { path: { id: me.id } },
      body: { area_id: areaId, method: "in_person" },
    }),
    200,
  );

  tokens = expect(
    "refresh",
    await anonymous.POST("/api/v1/auth/refresh", { body: { refresh_token: tokens.refresh_token } }),
    200,
  );
  resident = clientWith(tokens.access_token);

  const supportEdition = await editionIn(resident, "support");
  const page = expect(
    "list submitted proposals of my area",
    await resident.GET("/api/v1/editions/{id}/proposals", {
      params: { path: { id: supportEdition.id }, query: { area_id: areaId, state: "submitted" } },
    }),
    200,
  );
  const chosen = page.items[0] ?? fail("list submitted proposals of my area", "none");
  if (!page.items.every((p) => p.area_id === areaId && p.state === "submitted")) fail("filter the proposals", page);
  const supported = expect(
    "support a proposal",
    await resident.POST("/api/v1/proposals/{id}/support", { params: { path: { id: chosen.id } } }),
    201,
  );
  if (!supported.supported_by_me || supported.support_count !== chosen.support_count + 1) fail("count my support", supported);

  const ballotRound = expect(
    "read the open round",
    await resident.GET("/api/v1/rounds/{id}", { params: { path: { id: openRound.id } } }),
    200,
  );
  const first = ballotRound.projects[0] ?? fail("read the open round", "no project on the ballot");
  const cast = expect(
    "vote",
    await resident.PUT("/api/v1/rounds/{id}/ballot", {
      params: { path: { id: openRound.id } },
      body: { project_ids: [first.proposal_id] },
    }),
    201,
  );
  const kept = expect(
    "read my ballot and its receipt",
    await resident.GET("/api/v1/rounds/{id}/ballot", { params: { path: { id: openRound.id } } }),
    200,
  );
  if (kept.receipt !== cast.receipt || kept.project_ids?.join() !== String(first.proposal_id)) fail("keep my ballot", kept);

  const decided = await editionIn(anonymous, "decision");
  const decidedRounds = expect(
    "list the decided edition's rounds",
    await anonymous.GET("/api/v1/editions/{id}/rounds", { params: { path: { id: decided.id } } }),
    200,
  );
  const closed = decidedRounds.find((r) => r.status === "closed") ?? fail("find the closed round", decidedRounds);
  const results = expect(
    "read the round's results",
    await anonymous.GET("/api/v1/rounds/{id}/results", { params: { path: { id: closed.id } } }),
    200,
  );
  // The same path answers CSV with `?format=csv`; without it the answer is JSON.
  if (typeof results === "string" || !results.projects.some((p) => p.selected)) {
    fail("read the round's results", results);
  }
  console.log("the TypeScript journey passed");
}

await main();
