import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Provider } from "oidc-provider";
import { z } from "zod";
import { SignInError } from "../errors.ts";
import { checkDevCredentials } from "./accounts.ts";
import { devLoginPage } from "./login-page.ts";
import { DEV_INTERACTION_PATH } from "./provider.ts";

// The development provider's sign-in and consent steps ("interactions"), as our own small routes:
// oidc-provider's devInteractions accept any login name, these check the dev accounts' password.

type Interaction = Awaited<ReturnType<Provider["interactionDetails"]>>;

const uidParams = z.strictObject({ uid: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });
const loginForm = z.object({
  email: z.string().max(254).default(""),
  password: z.string().max(200).default(""),
});
const FORM_BODY_LIMIT_BYTES = 8 * 1024;

// The API-wide CSP allows no forms and no styles (JSON loads nothing); the sign-in page needs both:
// its stylesheet from this origin (no inline style), its form posting anywhere, because the
// form's redirects end on the web app's origin.
const pageRoute = {
  helmet: {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  },
};

const pathsOf = (uid: string) => ({
  action: `${DEV_INTERACTION_PATH}/${uid}/login`,
  abortUrl: `${DEV_INTERACTION_PATH}/${uid}/abort`,
});

/** The first-party login client needs no consent screen: grant what it asked for. */
async function grantConsent(provider: Provider, interaction: Interaction): Promise<{ grantId: string }> {
  const { prompt, params, session, grantId } = interaction;
  const details = prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId: session?.accountId, clientId: String(params.client_id) });
  if (!grant) throw new SignInError("LOGIN_STATE_EXPIRED", "this sign-in's grant has expired; start again");
  if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(" "));
  if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "));
  }
  return { grantId: await grant.save() };
}

export function registerDevInteractions(app: FastifyInstance, currentProvider: () => Provider | undefined) {
  app.register(async (scope) => {
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: FORM_BODY_LIMIT_BYTES },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    async function interactionOf(request: FastifyRequest, reply: FastifyReply) {
      const provider = currentProvider();
      if (!provider) {
        throw new SignInError("SIGN_IN_UNAVAILABLE", "the development identity provider is starting", 503);
      }
      const params = uidParams.safeParse(request.params);
      let interaction: Interaction | undefined;
      try {
        interaction = params.success ? await provider.interactionDetails(request.raw, reply.raw) : undefined;
      } catch {
        interaction = undefined; // no interaction cookie, or the interaction expired
      }
      if (!interaction || !params.success || interaction.uid !== params.data.uid) {
        throw new SignInError(
          "LOGIN_STATE_EXPIRED",
          "this sign-in page has expired; start the sign-in again",
        );
      }
      return { provider, interaction };
    }

    const sendPage = (reply: FastifyReply, status: number, html: string) =>
      reply.status(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);

    scope.get(`${DEV_INTERACTION_PATH}/:uid`, pageRoute, async (request, reply) => {
      const { provider, interaction } = await interactionOf(request, reply);
      if (interaction.prompt.name === "login")
        return sendPage(reply, 200, devLoginPage(pathsOf(interaction.uid)));
      if (interaction.prompt.name === "consent") {
        const consent = await grantConsent(provider, interaction);
        const returnTo = await provider.interactionResult(request.raw, reply.raw, { consent });
        return reply.redirect(returnTo, 303);
      }
      throw new SignInError("INVALID_REQUEST", `unsupported prompt ${interaction.prompt.name}`);
    });

    scope.post(`${DEV_INTERACTION_PATH}/:uid/login`, pageRoute, async (request, reply) => {
      const { provider, interaction } = await interactionOf(request, reply);
      if (interaction.prompt.name !== "login") {
        throw new SignInError("INVALID_REQUEST", "this sign-in is not waiting for a login");
      }
      const form = loginForm.safeParse(request.body ?? {});
      const email = form.success ? form.data.email : "";
      const account = form.success ? checkDevCredentials(email, form.data.password) : undefined;
      if (!account) {
        const page = devLoginPage({
          ...pathsOf(interaction.uid),
          email,
          error: "Unknown email or wrong password.",
        });
        return sendPage(reply, 401, page);
      }
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { login: { accountId: account.accountId } },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    });

    scope.get(`${DEV_INTERACTION_PATH}/:uid/abort`, async (request, reply) => {
      const { provider } = await interactionOf(request, reply);
      const returnTo = await provider.interactionResult(
        request.raw,
        reply.raw,
        { error: "access_denied", error_description: "the user cancelled the sign-in" },
        { mergeWithLastSubmission: false },
      );
      return reply.redirect(returnTo, 303);
    });
  });
}
