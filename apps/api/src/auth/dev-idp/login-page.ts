import { DEV_ACCOUNT_PASSWORD, DEV_ACCOUNTS } from "./accounts.ts";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The development provider's sign-in form: deliberately minimal, it only needs to work. */
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
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 28rem; margin: 3rem auto">
<h1>JEEX development sign-in</h1>
<p>This identity provider runs inside the API for development only.</p>
${input.error ? `<p role="alert" style="color: #b00020">${escapeHtml(input.error)}</p>` : ""}
<form method="post" action="${escapeHtml(input.action)}">
<p><label>Email <input name="email" type="email" autocomplete="username" required autofocus value="${escapeHtml(input.email ?? "")}"></label></p>
<p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Sign in</button> <a href="${escapeHtml(input.abortUrl)}">Cancel</a></p>
</form>
<p>Accounts (password <code>${escapeHtml(DEV_ACCOUNT_PASSWORD)}</code>):</p>
<ul>${accounts.join("")}</ul>
</body>
</html>
`;
}
