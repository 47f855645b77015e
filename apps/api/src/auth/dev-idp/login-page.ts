import { escapeHtml } from "../escape-html.ts";
import { PAGE_STYLE_PATH } from "../page-style.ts";
import { DEV_ACCOUNT_PASSWORD, DEV_ACCOUNTS } from "./accounts.ts";

/** The development provider's sign-in form: small, plain HTML styled by ../page-style.ts. */
export function devLoginPage(input: {
  action: string;
  abortUrl: string;
  email?: string;
  error?: string;
}): string {
  const accounts = DEV_ACCOUNTS.map(
    (a) => `<li><code>${escapeHtml(a.email)}</code> (${escapeHtml(a.name)})</li>`,
  );
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>JEEX development sign-in</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${PAGE_STYLE_PATH}"></head>
<body>
<main>
<h1>JEEX development sign-in</h1>
<p class="note">This identity provider runs inside the API for development only.</p>
${input.error ? `<p role="alert" class="error">${escapeHtml(input.error)}</p>` : ""}
<form method="post" action="${escapeHtml(input.action)}">
<label>Email <input name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(input.email ?? "")}"></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<p class="actions"><button type="submit">Sign in</button> <a href="${escapeHtml(input.abortUrl)}">Cancel</a></p>
</form>
<p class="note">Accounts (password <code>${escapeHtml(DEV_ACCOUNT_PASSWORD)}</code>):</p>
<ul>${accounts.join("")}</ul>
</main>
</body>
</html>
`;
}
