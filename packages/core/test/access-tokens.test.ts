import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { SystemQueries } from "@jeex/db/system";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessTokenVerifier } from "../src/auth/access-tokens.ts";

// A real HTTP issuer (discovery + JWKS) on loopback; only the database look-ups are stubbed here.
// The end-to-end path through the bundled provider is covered in apps/api/test/auth.

const SERVICE_USER = "0190d0a8-0000-7000-8000-000000000001";
const TENANT = "0190d0a8-0000-7000-8000-0000000000aa";
const AUDIENCE = "https://api.jeex.test";

const system = {
  findUserByIdentity: async (_issuer: string, subject: string) =>
    subject === "reporting-service" ? { id: SERVICE_USER } : undefined,
  listMemberships: async () => [
    { tenantId: TENANT, tenantSlug: "acme", tenantName: "Acme", personal: false, role: "editor" as const },
  ],
} as unknown as SystemQueries;

let server: Server;
let issuer: string;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
let discoveryRequests = 0;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256", { extractable: true });
  signingKey = pair.privateKey;
  strangerKey = (await generateKeyPair("RS256")).privateKey;
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url === "/.well-known/openid-configuration") {
      discoveryRequests++;
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else if (request.url === "/jwks") {
      response.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

interface TokenOptions {
  key?: CryptoKey;
  iss?: string;
  aud?: string;
  sub?: string;
  clientId?: string;
  expiresIn?: string | number;
}

function accessToken(options: TokenOptions = {}) {
  const clientId = options.clientId ?? "reporting-service";
  return new SignJWT({ client_id: clientId, scope: "api" })
    .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "at+jwt" })
    .setIssuer(options.iss ?? issuer)
    .setAudience(options.aud ?? AUDIENCE)
    .setSubject(options.sub ?? clientId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? "5m")
    .sign(options.key ?? signingKey);
}

const verifier = () => createAccessTokenVerifier(system, { issuers: [{ issuer }], audience: AUDIENCE });

describe("client-credentials access tokens", () => {
  it("a valid token from a trusted issuer becomes the service client's principal", async () => {
    const principal = await verifier()(await accessToken());
    expect(principal).toEqual({
      userId: SERVICE_USER,
      credential: { kind: "access-token", issuer, clientId: "reporting-service" },
      memberships: [{ tenantId: TENANT, role: "editor", personal: false }],
    });
  });

  it("discovers the issuer's keys once and reuses them", async () => {
    const verify = verifier();
    const before = discoveryRequests;
    await verify(await accessToken());
    await verify(await accessToken());
    expect(discoveryRequests - before).toBe(1);
  });

  it("refuses a token meant for another audience", async () => {
    expect(await verifier()(await accessToken({ aud: "https://other-api.test" }))).toBeUndefined();
  });

  it("refuses a token from an issuer that is not trusted", async () => {
    expect(await verifier()(await accessToken({ iss: "https://evil.example" }))).toBeUndefined();
  });

  it("refuses a token signed by a key the issuer does not publish", async () => {
    expect(await verifier()(await accessToken({ key: strangerKey }))).toBeUndefined();
  });

  it("refuses an expired token beyond the small clock tolerance", async () => {
    const expired = await accessToken({ expiresIn: Math.floor(Date.now() / 1000) - 60 });
    expect(await verifier()(expired)).toBeUndefined();
  });

  it("refuses an unsigned or shared-secret token", async () => {
    const body = Buffer.from(
      JSON.stringify({ iss: issuer, aud: AUDIENCE, sub: "reporting-service", exp: 4102444800 }),
    ).toString("base64url");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${body}.`;
    expect(await verifier()(none)).toBeUndefined();
    const hs256 = await new SignJWT({ client_id: "reporting-service" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer(issuer)
      .setAudience(AUDIENCE)
      .setSubject("reporting-service")
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("a".repeat(32)));
    expect(await verifier()(hs256)).toBeUndefined();
  });

  it("an unknown client (never granted) is not a principal", async () => {
    expect(await verifier()(await accessToken({ clientId: "stranger" }))).toBeUndefined();
  });

  it("a token issued to a user through the client is not a service credential", async () => {
    expect(await verifier()(await accessToken({ sub: "some-user" }))).toBeUndefined();
  });

  it("garbage is refused without throwing", async () => {
    for (const junk of ["a.b.c", "", "x", "eyJ.eyJ.sig"]) expect(await verifier()(junk)).toBeUndefined();
  });

  it("an issuer that cannot be reached makes tokens unverifiable, and is retried later", async () => {
    const down = "http://127.0.0.1:9";
    const verify = createAccessTokenVerifier(system, {
      issuers: [{ issuer: down }],
      audience: AUDIENCE,
      fetchTimeoutMs: 1000,
    });
    expect(await verify(await accessToken({ iss: down }))).toBeUndefined();
    expect(await verify(await accessToken({ iss: down }))).toBeUndefined();
  });
});
