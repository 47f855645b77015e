import { Outlet } from "react-router";
import { SectionNav } from "../../ui/section-nav.tsx";
import { useMe } from "../auth/use-me.ts";

const sections = [
  { to: "/settings/members", label: "Members", adminOnly: false },
  { to: "/settings/api-keys", label: "API keys", adminOnly: true },
  { to: "/settings/usage", label: "Usage", adminOnly: false },
];

const sectionLook = {
  base: "whitespace-nowrap rounded-md px-3 py-1.5 text-sm no-underline",
  current: "bg-surface-muted font-medium text-fg",
  other: "text-fg-muted hover:bg-surface-muted",
};

/** The tenant's settings; sections a role cannot use are not offered (the server refuses them too). */
export function SettingsLayout() {
  const { can } = useMe();
  return (
    <div className="flex flex-col gap-6 md:flex-row">
      <SectionNav
        label="Settings"
        className="flex shrink-0 gap-1 overflow-x-auto md:w-44 md:flex-col"
        links={sections.filter((section) => !section.adminOnly || can("admin"))}
        look={sectionLook}
      />
      <div className="min-w-0 flex-1">
        <Outlet />
      </div>
    </div>
  );
}
