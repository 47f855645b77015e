/** Where the sign-in pages' stylesheet is served, below the API's own /auth prefix. */
export const PAGE_STYLE_PATH = "/auth/page.css";

/**
 * The look of the few pages the API itself shows a person (the development provider's sign-in
 * form, a failed sign-in): the web app's palette and type (system fonts, 14px body, GitHub-like
 * greys and blue) in a narrow card that fits a phone. A stylesheet, not `style=` attributes:
 * those pages' CSP allows styles from this origin only.
 */
export const pageStyle = `:root {
  color-scheme: light dark;
  --canvas: #f6f8fa; --surface: #ffffff; --border: #d1d9e0; --fg: #1f2328; --muted: #59636e;
  --accent: #0969da; --accent-hover: #0550ae; --link: #0969da; --danger: #cf222e; --danger-soft: #ffebe9; --code: #eff2f5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --canvas: #0d1117; --surface: #151b23; --border: #3d444d; --fg: #f0f6fc; --muted: #9198a1;
    --accent: #1f6feb; --accent-hover: #388bfd; --link: #4493f8; --danger: #f85149; --danger-soft: #25171c; --code: #212830;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; padding: 2rem 1rem; background: var(--canvas); color: var(--fg);
  font: 0.875rem/1.4 ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
main {
  max-width: 24rem; margin: 0 auto; padding: 1.5rem; background: var(--surface);
  border: 1px solid var(--border); border-radius: 0.5rem;
}
h1 { margin: 0 0 0.25rem; font-size: 1.25rem; }
p { margin: 0 0 1rem; }
.note { color: var(--muted); }
.error {
  padding: 0.5rem 0.75rem; border: 1px solid var(--danger); border-radius: 0.375rem;
  background: var(--danger-soft); color: var(--danger);
}
form { display: flex; flex-direction: column; gap: 0.75rem; margin-bottom: 1.25rem; }
label { display: flex; flex-direction: column; gap: 0.25rem; font-weight: 600; }
input {
  width: 100%; padding: 0.4rem 0.6rem; font: inherit; font-weight: 400; color: var(--fg);
  background: var(--surface); border: 1px solid var(--border); border-radius: 0.375rem;
}
input:focus-visible, button:focus-visible, a:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.actions { display: flex; align-items: center; gap: 1rem; margin: 0.25rem 0 0; }
button {
  padding: 0.4rem 1rem; font: inherit; font-weight: 600; color: #ffffff; background: var(--accent);
  border: 0; border-radius: 0.375rem; cursor: pointer;
}
button:hover { background: var(--accent-hover); }
a { color: var(--link); }
ul { margin: 0; padding-left: 1.25rem; color: var(--muted); }
li + li { margin-top: 0.25rem; }
code { padding: 0.05rem 0.3rem; border-radius: 0.25rem; background: var(--code); font-size: 0.8rem; color: var(--fg); }
`;
