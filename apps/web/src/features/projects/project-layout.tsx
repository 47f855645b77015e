import { NavLink, Outlet, useParams } from "react-router";
import { classNames } from "../../ui/class-names.ts";

const tabs = [
  { to: "", label: "Workflow", end: true },
  { to: "documents", label: "Documents", end: false },
  { to: "search", label: "Search", end: false },
  { to: "exports", label: "Exports", end: false },
];

/** A project's pages share its tab bar; every tab is a URL that carries the project id. */
export function ProjectLayout() {
  const { projectId } = useParams();
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Project" className="-mx-1 flex gap-1 overflow-x-auto border-b border-border">
        {tabs.map((tab) => (
          <NavLink
            key={tab.label}
            to={`/projects/${projectId}${tab.to ? `/${tab.to}` : ""}`}
            end={tab.end}
            className={({ isActive }) =>
              classNames(
                "whitespace-nowrap border-b-2 px-3 py-2 text-sm no-underline",
                isActive
                  ? "border-accent font-medium text-fg"
                  : "border-transparent text-fg-muted hover:text-fg",
              )
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
