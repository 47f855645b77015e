import { Outlet, useParams } from "react-router";
import { SectionNav } from "../../ui/section-nav.tsx";
import { ProjectGate } from "./project-gate.tsx";

const tabs = [
  { to: "", label: "Workflow", end: true },
  { to: "documents", label: "Documents", end: false },
  { to: "search", label: "Search", end: false },
  { to: "exports", label: "Exports", end: false },
];

const tabLook = {
  base: "whitespace-nowrap border-b-2 px-3 py-2 text-sm no-underline",
  current: "border-accent font-medium text-fg",
  other: "border-transparent text-fg-muted hover:text-fg",
};

/**
 * A project's pages share its tab bar; every tab is a URL that carries the project id. A project
 * that is gone shows one "Project not found", without the tab bar, whichever tab the link opened.
 */
export function ProjectLayout() {
  const { projectId = "" } = useParams();
  const links = tabs.map((tab) => ({ ...tab, to: `/projects/${projectId}${tab.to ? `/${tab.to}` : ""}` }));
  return (
    <ProjectGate projectId={projectId}>
      <div className="flex flex-col gap-4">
        <SectionNav
          label="Project"
          className="-mx-1 flex gap-1 overflow-x-auto border-b border-border"
          links={links}
          look={tabLook}
        />
        <Outlet />
      </div>
    </ProjectGate>
  );
}
