import { lazy, Suspense } from "react";
import { NavLink, Outlet, useNavigation } from "react-router";
import { classNames } from "../ui/class-names.ts";
import { SectionNav } from "../ui/section-nav.tsx";
import { Spinner } from "../ui/spinner.tsx";

// Lazy: the menu brings Radix's menu, popper and scroll lock (~40 KB gzip) that the first paint
// does not need; the top bar shows a spinner in its place for the moment it takes.
const UserMenu = lazy(async () => ({ default: (await import("../features/auth/user-menu.tsx")).UserMenu }));

const sections = [
  { to: "/projects", label: "Projects" },
  { to: "/settings", label: "Settings" },
];

const sectionLook = {
  base: "rounded-md px-2.5 py-1 text-sm no-underline",
  current: "bg-surface-muted font-medium text-fg",
  other: "text-fg-muted hover:text-fg",
};

/** The shell around every signed-in page: skip link, top bar, and the one `main` landmark. */
export function AppLayout() {
  const navigation = useNavigation();
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex h-12 max-w-6xl items-center gap-3 px-4">
          <NavLink to="/projects" className="shrink-0 font-semibold text-fg no-underline">
            JEEX Plan
          </NavLink>
          <SectionNav
            label="Main"
            className="flex min-w-0 items-center gap-1"
            links={sections}
            look={sectionLook}
          />
          <div className="ml-auto flex shrink-0 items-center">
            <Suspense fallback={<Spinner label="Loading your account" />}>
              <UserMenu />
            </Suspense>
          </div>
        </div>
        {/* A lazy route module is loading: a thin bar instead of a frozen page. */}
        <div
          aria-hidden="true"
          className={classNames(
            "h-0.5 bg-accent transition-opacity",
            navigation.state === "idle" && "opacity-0",
          )}
        />
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none">
        <Outlet />
      </main>
    </div>
  );
}
