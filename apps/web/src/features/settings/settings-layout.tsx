import { NavLink, Outlet } from "react-router";
import { classNames } from "../../ui/class-names.ts";

const sections = [
  { to: "/settings/members", label: "Members" },
  { to: "/settings/api-keys", label: "API keys" },
  { to: "/settings/usage", label: "Usage" },
];

export function SettingsLayout() {
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <nav aria-label="Settings" className="flex shrink-0 gap-1 overflow-x-auto md:w-44 md:flex-col">
        {sections.map((section) => (
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
