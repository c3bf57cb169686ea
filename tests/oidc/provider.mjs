// The identity provider the sign-in tests run against: oidc-provider, an OpenID Certified
// implementation, configured as a city's broker would be (authorization code flow, PKCE
// required, client_secret_basic), with one resident. Instead of a login form, an interaction
// signs that resident in and grants what was asked, so the tests drive the real protocol
// without a browser.
//
// A test can ask, once, that the next token response carry an ID token whose payload was
// changed after signing (POST /test/tamper-next-id-token): what an attacker between the
// service and the provider would send.
//
//     PORT=… CLIENT_ID=… CLIENT_SECRET=… REDIRECT_URI=… node provider.mjs
import Provider from "oidc-provider";

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const resident = {
  sub: "anna-peeters-0001",
  email: "anna.peeters@inwoner.example",
  email_verified: true,
  name: "Anna Peeters",
  birthdate: "1990-04-12",
  address: { postal_code: "9040", locality: "Gent", country: "BE" },
};

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  pkce: { required: () => true },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "birthdate"],
    address: ["address"],
  },
  conformIdTokenClaims: false,
  findAccount: async (_ctx, id) => ({
    accountId: id,
    claims: async () => ({ ...resident, sub: id }),
  }),
  features: { devInteractions: { enabled: false } },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ["wijkbudget-test-provider-cookie-key"] },
});

let tamperNext = false;
provider.use(async (ctx, next) => {
  if (ctx.path === "/test/tamper-next-id-token" && ctx.method === "POST") {
    tamperNext = true;
    ctx.status = 204;
    return;
  }
  if (ctx.path.startsWith("/interaction/")) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const grant = new provider.Grant({ accountId: resident.sub, clientId: details.params.client_id });
    grant.addOIDCScope(details.params.scope);
    const grantId = await grant.save();
    const to = await provider.interactionResult(
      ctx.req,
      ctx.res,
      { login: { accountId: resident.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
    ctx.status = 303;
    ctx.redirect(to);
    return;
  }
  await next();
  if (ctx.path === "/token" && tamperNext && ctx.body?.id_token) {
    tamperNext = false;
    const [header, payload, signature] = ctx.body.id_token.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url"));
    claims.sub = "someone-else";
    ctx.body = { ...ctx.body, id_token: [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join(".") };
  }
});

provider.listen(port, "127.0.0.1", () => console.log(`provider ready at ${issuer}`));
