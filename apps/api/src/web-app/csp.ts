/**
 * The web app's CSP, replacing the API's allow-nothing policy on the app's own responses.
 * Scripts only from this origin and no inline script (Vite emits none), so an injected
 * `<script>` or `on*=` attribute does not run.
 *
 * `style-src 'unsafe-inline'` is a deliberate compromise: Mermaid and CodeMirror insert `<style>`
 * elements at run time whose content we cannot hash ahead of time. Inline styles cannot run code;
 * with scripts locked down, the residual risk is CSS-only (restyling, attribute probing), which
 * `connect-src`/`img-src 'self'` keep from leaving the origin.
 */
export const webAppCspDirectives = {
  "default-src": ["'self'"],
  "script-src": ["'self'"],
  "style-src": ["'self'", "'unsafe-inline'"],
  // Mermaid draws some shapes with data: images; nothing loads from other hosts.
  "img-src": ["'self'", "data:", "blob:"],
  "font-src": ["'self'", "data:"],
  "connect-src": ["'self'"],
  "object-src": ["'none'"],
  "base-uri": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
} as const;

export const webAppCsp = Object.entries(webAppCspDirectives)
  .map(([name, sources]) => `${name} ${sources.join(" ")}`)
  .join("; ");
