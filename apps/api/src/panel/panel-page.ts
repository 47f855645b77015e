import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { panelStyle } from "./panel-style.ts";

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/**
 * The page's browser code, a plain module script linted like the rest of the tree. The production
 * bundle (build.ts) copies it to dist/browser/, beside the dist/*.js this module is bundled into.
 */
export const PANEL_SCRIPT_FILE = new URL("./browser/panel.js", import.meta.url);

/**
 * The page is static (the procedure list is fetched), so one pair of hashes covers every response.
 * `cspDirectives` is the panel's own CSP: the API's global one allows nothing, which would block
 * this page's inline script and style. Only those two, by hash, plus same-origin fetches are allowed.
 */
export interface PanelPage {
  html: string;
  cspDirectives: Record<string, string[]>;
}

/** Reads the script once the panel is mounted (development mode only), never at import. */
export function panelPage(): PanelPage {
  const script = readFileSync(PANEL_SCRIPT_FILE, "utf8");
  return { html: pageHtml(script), cspDirectives: cspDirectives(script) };
}

const pageHtml = (script: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>JEEX Plan · tRPC panel</title>
<link rel="icon" href="data:,">
<style>${panelStyle}</style>
</head>
<body>
<header>
  <h1>JEEX Plan · tRPC panel <small id="count"></small></h1>
  <a href="/openapi.json">OpenAPI contract</a>
  <label>API key <input id="api-key" type="password" autocomplete="off" placeholder="jeex_… (empty: session cookie)"></label>
  <label>Tenant <input id="tenant-id" autocomplete="off" placeholder="x-tenant-id (optional)"></label>
</header>
<div class="layout">
  <nav>
    <input id="filter" type="search" placeholder="Filter procedures" aria-label="Filter procedures">
    <div id="procedures"></div>
  </nav>
  <main>
    <h2 id="title">Loading procedures…</h2>
    <p class="hint" id="hint"></p>
    <p class="hint" id="access"></p>
    <p class="note" id="note" hidden></p>
    <div class="columns">
      <section>
        <h3>Input (JSON)</h3>
        <textarea id="input" spellcheck="false" aria-label="Input JSON"></textarea>
        <div class="actions">
          <button id="call" class="primary" type="button">Call</button>
          <button id="stop" type="button" hidden>Stop stream</button>
          <button id="reset" type="button">Reset to example</button>
          <span id="status" role="status"></span>
        </div>
        <ul id="issues"></ul>
        <h3>Result</h3>
        <pre id="result"></pre>
      </section>
      <section>
        <h3>Input schema</h3>
        <pre id="schema"></pre>
      </section>
    </div>
  </main>
</div>
<script type="module">${script}</script>
</body>
</html>
`;

const cspDirectives = (script: string) => ({
  defaultSrc: ["'none'"],
  scriptSrc: [sha256(script)],
  styleSrc: [sha256(panelStyle)],
  connectSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
});
