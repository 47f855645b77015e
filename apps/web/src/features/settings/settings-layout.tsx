import { NavLink, Outlet } from "react-router";
import { classNames } from "../../ui/class-names.ts";
import { useMe } from "../auth/use-me.ts";

const sections = [
  { to: "/settings/members", label: "Members", adminOnly: false },
  { to: "/settings/api-keys", label: "API keys", adminOnly: true },
  { to: "/settings/usage", label: "Usage", adminOnly: false },
];

/** The tenant's settings; sections a role cannot use are not offered (the server refuses them too). */
export function SettingsLayout() {
  const { can } = useMe();
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label="Settings" className="flex shrink-0 gap-1 overflow-x-auto md:w-44 md:flex-col">
        {sections
          .filter((section) => !section.adminOnly || can("admin"))
          .map((section) => (
            <NavLink
              key={section.to}
              to={section.to}
              className={({ isActive }) =>
                classNames(
                  "whitespace-nowrap rounded-md px-3 py-1.5 text-sm no-underline",
                  isActive ? "bg-surface-muted font-medium text-fg" : "text-fg-muted hover:bg-surface-muted",
                )
              }
            >
              {section.label}
            </NavLink>
          ))}
      </nav>
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}
