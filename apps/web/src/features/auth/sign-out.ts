import { csrfHeader } from "../../lib/csrf-header.ts";

/** Ends the session (the CSRF header proves the request comes from this app, not a cross-site form). */
export async function signOut(): Promise<void> {
  const response = await fetch("/auth/logout", {
    method: "POST",
    credentials: "same-origin",
    headers: { [csrfHeader]: "1" },
  });
  if (!response.ok && response.status !== 401) {
    throw new Error(`Signing out failed (${response.status}). Try again.`);
  }
}
