import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { AppProviders } from "./app/providers.tsx";
import { createAppRouter } from "./app/router.tsx";
import { signInPath } from "./features/auth/return-to.ts";
import "./styles.css";

const router = createAppRouter();

/** A 401 anywhere: sign in, then come back to the page the person was on. */
function goToSignIn() {
  const { pathname, search, hash } = router.state.location;
  if (pathname === "/sign-in") return;
  void router.navigate(signInPath(`${pathname}${search}${hash}`), { replace: true });
}

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

createRoot(container).render(
  <StrictMode>
    <AppProviders onUnauthenticated={goToSignIn}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
