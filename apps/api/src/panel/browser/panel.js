// The /panel page's browser code: a module script, inlined into the page by panel-page.ts and
// allowed by its sha256 in the panel's CSP (so it has no imports and no build step). Untrusted text
// (results, schemas) only ever goes into textContent.
const byId = (id) => document.getElementById(id);
const saved = window.sessionStorage;
const state = { procedures: [], selected: null, stream: null };

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function badge(type) {
  return element("span", `badge ${type}`, type === "subscription" ? "S" : type[0].toUpperCase());
}

// Credentials stay in this tab only (sessionStorage), never in the page or the URL.
for (const id of ["api-key", "tenant-id"]) {
  const field = byId(id);
  field.value = saved.getItem(`jeex-panel:${id}`) || "";
  field.addEventListener("input", () => saved.setItem(`jeex-panel:${id}`, field.value.trim()));
}

function requestHeaders(type) {
  const headers = { accept: "application/json" };
  const apiKey = byId("api-key").value.trim();
  const tenantId = byId("tenant-id").value.trim();
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  if (tenantId) headers["x-tenant-id"] = tenantId;
  // Required for cookie-authenticated mutations, harmless with a bearer key.
  if (type === "mutation") Object.assign(headers, { "content-type": "application/json", "x-jeex-csrf": "1" });
  return headers;
}

function renderNav() {
  const filter = byId("filter").value.trim().toLowerCase();
  const list = byId("procedures");
  list.replaceChildren();
  let namespace = null;
  for (const procedure of state.procedures) {
    if (filter && !procedure.path.toLowerCase().includes(filter)) continue;
    if (procedure.namespace !== namespace) {
      namespace = procedure.namespace;
      list.append(element("h2", "", namespace));
    }
    const button = element("button");
    button.type = "button";
    button.dataset.path = procedure.path;
    button.setAttribute("aria-current", String(procedure === state.selected));
    button.append(badge(procedure.type), element("span", "", procedure.path));
    button.addEventListener("click", () => {
      window.location.hash = procedure.path;
    });
    list.append(button);
  }
}

function showResult(statusText, ok, body, issues) {
  const status = byId("status");
  status.textContent = statusText;
  status.className = ok ? "ok" : "failed";
  byId("result").textContent = typeof body === "string" ? body : JSON.stringify(body, null, 2);
  const list = byId("issues");
  list.replaceChildren();
  for (const issue of issues || []) {
    // The API sends dotted paths ("input.idea"); raw zod issues would carry arrays.
    const path = Array.isArray(issue.path) ? issue.path.join(".") : issue.path;
    const where = path || "(input)";
    list.append(element("li", "", `${where}: ${issue.message}${issue.code ? ` [${issue.code}]` : ""}`));
  }
}

function select(path) {
  const procedure = state.procedures.find((candidate) => candidate.path === path) || state.procedures[0];
  if (!procedure) return;
  closeStream();
  state.selected = procedure;
  renderNav();
  const title = byId("title");
  title.replaceChildren(badge(procedure.type), element("span", "", procedure.path));
  byId("hint").textContent = {
    query: `Query: GET /trpc/${procedure.path}?input=<json>`,
    mutation: `Mutation: POST /trpc/${procedure.path} with a JSON body`,
    subscription: `Subscription: GET /trpc/${procedure.path}?input=<json>, a stream of server-sent events, shown as they arrive until you stop it`,
  }[procedure.type];
  byId("access").textContent = describeAccess(procedure.access);
  const note = byId("note");
  note.hidden = !procedure.inputSchemaNote;
  note.textContent = procedure.inputSchemaNote || "";
  byId("schema").textContent = procedure.inputSchema
    ? JSON.stringify(procedure.inputSchema, null, 2)
    : "This procedure takes no input.";
  resetInput();
  byId("call").textContent = procedure.type === "subscription" ? "Open stream" : "Call";
  byId("stop").hidden = true;
  showResult("", true, "", []);
}

// The procedure's meta.access, as the server's tiers enforce it.
function describeAccess(access) {
  if (access === "public") return "Access: public, no credential needed";
  if (access === "signed-in") return "Access: any signed-in caller";
  if (access === "person") return "Access: a person with a browser session; API keys are refused";
  if (access) return `Access: the ${access} role or higher in the active tenant`;
  return "Access: not stated by the procedure";
}

function resetInput() {
  const example = state.selected?.example;
  byId("input").value = example === undefined ? "" : JSON.stringify(example, null, 2);
}

function closeStream() {
  if (state.stream) state.stream.abort();
  state.stream = null;
  byId("stop").hidden = true;
}

function readInput() {
  const text = byId("input").value.trim();
  return text ? JSON.parse(text) : undefined;
}

// One server-sent event block ("id: …", "event: …", "data: …" lines) as one log line.
function describeEvent(block) {
  const fields = { id: "", event: "", data: [] };
  for (const line of block.split("\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, "");
    if (name === "data") fields.data.push(value);
    else if (name in fields) fields[name] = value;
  }
  if (!fields.event && !fields.id && !fields.data.length) return null;
  return [fields.event && `[${fields.event}]`, fields.id, fields.data.join("\n")].filter(Boolean).join(" ");
}

// fetch rather than EventSource: EventSource cannot send the Authorization header.
async function openStream(procedure, input) {
  const controller = new AbortController();
  state.stream = controller;
  byId("stop").hidden = false;
  const lines = [];
  const log = (line) => {
    lines.push(line);
    showResult(`streaming · ${lines.length} line(s)`, true, lines.slice(-200).join("\n"), []);
  };
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const headers = Object.assign(requestHeaders("subscription"), { accept: "text/event-stream" });
  try {
    const response = await fetch(`/trpc/${procedure.path}${query}`, { headers, signal: controller.signal });
    if (!response.ok) {
      await showResponse(response, 0);
      return;
    }
    log("(stream open)");
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer = (buffer + value).replace(/\r\n/g, "\n");
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const line = describeEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (line) log(line);
      }
    }
    log("(stream ended)");
  } catch (error) {
    if (error.name !== "AbortError") log(`(stream failed: ${error})`);
  } finally {
    if (state.stream === controller) closeStream();
  }
}

async function showResponse(response, started) {
  const elapsed = started ? ` · ${Math.round(performance.now() - started)} ms` : "";
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const requestId = response.headers.get("x-request-id") || "";
  const status = `${response.status} ${response.statusText}${elapsed} · request ${requestId}`;
  if (body?.result) showResult(status, true, body.result.data === undefined ? null : body.result.data, []);
  else if (body?.error) showResult(status, false, body.error, body.error.data?.issues);
  else showResult(status, response.ok, body, []);
}

async function call() {
  const procedure = state.selected;
  if (!procedure) return;
  let input;
  try {
    input = readInput();
  } catch (error) {
    showResult("the input is not valid JSON", false, String(error), []);
    return;
  }
  if (procedure.type === "subscription") {
    closeStream();
    openStream(procedure, input);
    return;
  }
  const url = `/trpc/${procedure.path}`;
  const init = { method: "GET", headers: requestHeaders(procedure.type) };
  let target = url;
  if (procedure.type === "mutation") {
    init.method = "POST";
    init.body = JSON.stringify(input === undefined ? null : input);
  } else if (input !== undefined) {
    target = `${url}?input=${encodeURIComponent(JSON.stringify(input))}`;
  }
  const started = performance.now();
  showResult(`calling ${procedure.path}…`, true, "", []);
  try {
    await showResponse(await fetch(target, init), started);
  } catch (error) {
    showResult("network error", false, String(error), []);
  }
}

byId("filter").addEventListener("input", renderNav);
byId("call").addEventListener("click", call);
byId("stop").addEventListener("click", () => {
  closeStream();
  byId("status").textContent += " · stopped";
});
byId("reset").addEventListener("click", resetInput);
byId("input").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) call();
});
window.addEventListener("hashchange", () => select(decodeURIComponent(window.location.hash.slice(1))));

fetch("/panel/procedures.json")
  .then((response) => response.json())
  .then((catalog) => {
    state.procedures = catalog.procedures;
    byId("count").textContent = `${state.procedures.length} procedures`;
    select(decodeURIComponent(window.location.hash.slice(1)));
    document.body.dataset.ready = "true";
  })
  .catch((error) => showResult("could not load /panel/procedures.json", false, String(error), []));
