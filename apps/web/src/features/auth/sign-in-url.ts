/**
 * The API's sign-in start for a provider. `returnTo` is a path on this origin; under `pnpm dev`
 * the app runs on Vite's origin, not the API's, so it is sent as an absolute URL there (the API
 * accepts Vite's origin in development only).
 */
export function loginUrl(providerId: string, returnTo: string, origin = window.location.origin): string {
  const target = import.meta.env.DEV ? new URL(returnTo, origin).href : returnTo;
  return `/auth/login?${new URLSearchParams({ provider: providerId, returnTo: target })}`;
}
