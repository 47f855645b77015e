/** The sign-in page's URL that brings the person back to `returnTo` afterwards. */
export function signInPath(returnTo: string): string {
  return `/sign-in?${new URLSearchParams({ returnTo })}`;
}

/**
 * A `returnTo` taken from the URL, accepted only as a path on this origin: `//evil.example`
 * and `https://…` would turn the sign-in page into an open redirect.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) {
    return "/projects";
  }
  return value;
}
