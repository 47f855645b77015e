import { useQuery } from "@tanstack/react-query";
import { CircleCheck, LogIn } from "lucide-react";
import { useLocation, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { buttonClasses } from "../../ui/button.tsx";
import { Card } from "../../ui/card.tsx";
import { EmptyState } from "../../ui/empty-state.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { safeReturnTo } from "./return-to.ts";
import { loginUrl } from "./sign-in-url.ts";

/** Lists the configured OpenID providers; each link starts the API's sign-in and comes back to `returnTo`. */
export function SignInPage() {
  const trpc = useTRPC();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get("returnTo"));
  const providers = useQuery(trpc.auth.providers.queryOptions());
  // Set by the account menu's "Sign out", so the page says what just happened.
  const signedOut = (useLocation().state as { signedOut?: boolean } | null)?.signedOut === true;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4 py-16">
      <Card className="flex flex-col gap-5 p-6">
        <div>
          <h1 className="text-xl font-semibold text-fg">Sign in to JEEX Plan</h1>
          <p className="mt-1 text-sm text-fg-muted">
            Choose how you sign in. You come back to where you were.
          </p>
        </div>
        {signedOut ? (
          <p role="status" className="flex items-center gap-2 text-sm text-success">
            <CircleCheck aria-hidden="true" className="size-4 shrink-0" />
            You are signed out.
          </p>
        ) : null}
        <QueryBoundary
          query={providers}
          loadingLabel="Loading sign-in options"
          errorTitle="Sign-in options could not be loaded"
          isEmpty={(list) => list.length === 0}
          empty={
            <EmptyState
              title="No sign-in provider is configured"
              description="Ask your administrator to set OIDC_PROVIDERS."
            />
          }
        >
          {(list) => (
            <ul className="flex flex-col gap-2">
              {list.map((provider) => (
                <li key={provider.id}>
                  <a
                    href={loginUrl(provider.id, returnTo)}
                    // A provider's name can be long: the label wraps inside the button, not past it.
                    className={`${buttonClasses("primary")} h-auto min-h-8 w-full whitespace-normal py-1.5 text-center no-underline`}
                  >
                    <LogIn aria-hidden="true" className="size-4" />
                    Sign in with {provider.name}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </QueryBoundary>
      </Card>
    </main>
  );
}
