import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function SearchPage() {
  return (
    <PlaceholderPage
      title="Search"
      description="Memory search over the project, hits linking into documents."
    />
  );
}
