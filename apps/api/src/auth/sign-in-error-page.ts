import type { SignInError } from "./errors.ts";
import { escapeHtml } from "./escape-html.ts";
import { PAGE_STYLE_PATH } from "./page-style.ts";

/** The page's own CSP: its stylesheet from this origin, nothing else loads or runs. */
export const SIGN_IN_ERROR_PAGE_CSP =
  "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A failed sign-in as a person's browser shows it: what went wrong and a way to start again.
 * The JSON body (code, message, request id) stays the answer for everything that is not a page
 * navigation; this page carries the same three.
 */
export function signInErrorPage(error: SignInError, requestId: string, pathPrefix: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign-in did not complete · JEEX Plan</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeHtml(`${pathPrefix}${PAGE_STYLE_PATH}`)}"></head>
<body>
<main>
<h1>Sign-in did not complete</h1>
<p role="alert" class="error">${escapeHtml(capitalised(error.message))}.</p>
<p class="actions"><a href="${escapeHtml(`${pathPrefix}/sign-in`)}">Sign in again</a></p>
<p class="note">Code <code>${escapeHtml(error.code)}</code> · request id <code>${escapeHtml(requestId)}</code></p>
</main>
</body>
</html>
`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
