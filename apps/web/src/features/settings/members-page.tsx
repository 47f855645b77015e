import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function MembersPage() {
  return <PlaceholderPage title="Members" description="The tenant's members and their roles." />;
}
