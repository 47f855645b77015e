import { useSearchParams } from "react-router";
import { PlaceholderPage } from "../../app/placeholder-page.tsx";
import { safeReturnTo } from "./return-to.ts";

/** Placeholder: the auth engineer lists `auth.providers` here and signs in with `returnTo`. */
export function SignInPage() {
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get("returnTo"));
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-16">
      <PlaceholderPage
        title="Sign in to JEEX Plan"
        description={`After signing in you return to ${returnTo}.`}
      />
    </main>
  );
}
