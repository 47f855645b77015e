/** The panel's stylesheet, inlined into the page (allowed by its hash in the panel's CSP). */
export const panelStyle = `
:root { color-scheme: light; --border: #d8dce3; --muted: #5b6472; --query: #17803d; --mutation: #1d5fd1;
  --subscription: #7a3fc4; --error: #b42318; --bg: #f6f7f9; font: 14px/1.45 system-ui, sans-serif; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: #1c2230; }
header { display: flex; gap: 16px; align-items: center; padding: 10px 16px; background: #1c2230; color: #fff; }
header h1 { font-size: 16px; margin: 0 auto 0 0; font-weight: 600; }
header a { color: #9cc2ff; font-size: 12px; }
header label { display: flex; gap: 6px; align-items: center; font-size: 12px; color: #c9d1de; }
header input { width: 260px; padding: 5px 8px; border: 1px solid #3a4456; border-radius: 4px;
  background: #2a3244; color: #fff; font: 12px ui-monospace, monospace; }
.layout { display: grid; grid-template-columns: 300px 1fr; height: calc(100vh - 50px); }
nav { overflow-y: auto; border-right: 1px solid var(--border); background: #fff; padding: 10px; }
nav input { width: 100%; padding: 6px 8px; border: 1px solid var(--border); border-radius: 4px; margin-bottom: 8px; }
nav h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 12px 4px 4px; }
nav button { display: flex; gap: 8px; align-items: center; width: 100%; border: 0; background: none; padding: 4px 6px;
  border-radius: 4px; cursor: pointer; font: 13px ui-monospace, monospace; text-align: left; color: inherit; }
nav button:hover { background: #eef1f5; }
nav button[aria-current="true"] { background: #e3eaf8; }
.badge { display: inline-block; min-width: 18px; padding: 0 4px; border-radius: 3px; color: #fff;
  font: 600 10px/16px system-ui, sans-serif; text-align: center; text-transform: uppercase; }
.badge.query { background: var(--query); } .badge.mutation { background: var(--mutation); }
.badge.subscription { background: var(--subscription); }
main { overflow-y: auto; padding: 16px 24px; }
main h2 { font: 600 18px ui-monospace, monospace; margin: 0 0 4px; display: flex; gap: 10px; align-items: center; }
.hint { color: var(--muted); margin: 4px 0 12px; }
.note { color: #8a5a00; background: #fff6e0; border: 1px solid #f0d9a0; padding: 6px 10px; border-radius: 4px; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 16px 0 6px; }
pre, textarea { font: 12px/1.5 ui-monospace, monospace; background: #fff; border: 1px solid var(--border);
  border-radius: 4px; padding: 10px; margin: 0; }
pre { overflow: auto; max-height: 420px; white-space: pre-wrap; word-break: break-word; }
textarea { width: 100%; min-height: 220px; resize: vertical; }
.actions { display: flex; gap: 8px; align-items: center; margin-top: 8px; }
.actions button { white-space: nowrap; padding: 6px 14px; border-radius: 4px; border: 1px solid var(--border); background: #fff; cursor: pointer; }
.actions button.primary { background: var(--mutation); border-color: var(--mutation); color: #fff; font-weight: 600; }
#status { font: 12px ui-monospace, monospace; color: var(--muted); }
#status.ok { color: var(--query); } #status.failed { color: var(--error); }
#issues { margin: 8px 0 0; padding-left: 18px; color: var(--error); font: 12px ui-monospace, monospace; }
`;
