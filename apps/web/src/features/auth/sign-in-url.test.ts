import { expect, test } from "vitest";
import { loginUrl } from "./sign-in-url.ts";

test("the login link names the provider and, in a Vite dev build, returns to Vite's origin", () => {
  const url = new URL(loginUrl("dev", "/projects?q=a b", "http://127.0.0.1:5200"), "http://127.0.0.1:5200");
  expect(url.pathname).toBe("/auth/login");
  expect(url.searchParams.get("provider")).toBe("dev");
  // Vitest runs with import.meta.env.DEV = true, like `pnpm dev`; a production build sends the path.
  expect(url.searchParams.get("returnTo")).toBe(
    import.meta.env.DEV ? "http://127.0.0.1:5200/projects?q=a%20b" : "/projects?q=a b",
  );
});
