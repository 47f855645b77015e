import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "../../src/server.ts";
import { API_PATH_PREFIXES } from "../../src/web-app/deep-links.ts";
import { testConfig } from "../support/server.ts";

/** A stand-in for apps/web/dist: the serving rules, not the app, are under test here. */
function fakeBuild(): string {
  const dist = mkdtempSync(join(tmpdir(), "jeex-web-dist-"));
  mkdirSync(join(dist, "assets"));
  writeFileSync(
    join(dist, "index.html"),
    '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div></body></html>',
  );
  writeFileSync(join(dist, "assets", "index-AbC123.js"), "console.log('app');");
  writeFileSync(join(dist, "robots.txt"), "User-agent: *\n");
  writeFileSync(join(dist, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  return dist;
}

const html = { accept: "text/html,application/xhtml+xml" };

describe("the web app served at /", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer(testConfig({ WEB_DIST_DIR: fakeBuild() }));
    ({ url } = await server.start());
  });
  afterAll(() => server?.stop());

  it("answers / and deep links with index.html, revalidated on every load, under the app's CSP", async () => {
    for (const path of ["/", "/projects", "/projects/p1/documents/d1?tab=history"]) {
      const response = await fetch(`${url}${path}`, { headers: html });
      expect(response.status, path).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(response.headers.get("cache-control")).toBe("no-cache");
      expect(await response.text()).toContain('<div id="root">');
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      for (const directive of ["object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"]) {
        expect(csp).toContain(directive);
      }
    }
    const head = await fetch(`${url}/projects/p1`, { method: "HEAD", headers: html });
    expect(head.status).toBe(200);
  });

  it("serves hashed assets for a year (immutable) and other files with no-cache", async () => {
    const asset = await fetch(`${url}/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
    const robots = await fetch(`${url}/robots.txt`);
    expect(robots.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves the icon as SVG for a day, and sends /favicon.ico to it rather than to index.html", async () => {
    const icon = await fetch(`${url}/favicon.svg`, { headers: { accept: "image/avif,image/webp,*/*" } });
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(icon.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(await icon.text()).toContain("<svg");
    // A page navigation to it (Accept: text/html) still gets the file, not the app.
    const opened = await fetch(`${url}/favicon.svg`, { headers: html });
    expect(await opened.text()).not.toContain('<div id="root">');
    const legacy = await fetch(`${url}/favicon.ico`, { redirect: "manual" });
    expect(legacy.status).toBe(301);
    expect(legacy.headers.get("location")).toBe("/favicon.svg");
  });

  it("never answers an API path, a missing asset or a non-page request with index.html", async () => {
    for (const prefix of API_PATH_PREFIXES) {
      // Each answers in its own way (JSON, or the OpenID provider's text), never with the app.
      const response = await fetch(`${url}${prefix}/no-such-route`, { headers: html });
      expect(response.status, prefix).toBeGreaterThanOrEqual(400);
      expect(await response.text(), prefix).not.toContain('<div id="root">');
    }
    const missingAsset = await fetch(`${url}/assets/gone-123.js`);
    expect(missingAsset.status).toBe(404);
    const json = await fetch(`${url}/projects`, { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    const post = await fetch(`${url}/projects`, { method: "POST", headers: html });
    expect(post.status).toBe(404);
  });

  it("leaves the API's own routes and their allow-nothing CSP alone", async () => {
    const health = await fetch(`${url}/healthz`, { headers: html });
    expect(health.status).toBe(200);
    expect(health.headers.get("content-type")).toMatch(/^application\/json/);
    expect(health.headers.get("content-security-policy")).toContain("default-src 'none'");
    const openapi = await fetch(`${url}/openapi.json`, { headers: html });
    expect(openapi.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("without a build", () => {
  it("starts, and / is a plain 404 rather than a crash", async () => {
    const server = createServer(testConfig({ WEB_DIST_DIR: join(tmpdir(), "jeex-no-such-dist") }));
    const { url } = await server.start();
    try {
      expect((await fetch(`${url}/`, { headers: html })).status).toBe(404);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
