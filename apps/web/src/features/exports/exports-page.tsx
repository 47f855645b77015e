import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function ExportsPage() {
  return (
    <PlaceholderPage
      title="Exports"
      description="Create an export, watch it finish, download it, see the manifest."
    />
  );
}
