import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function ProjectsPage() {
  return (
    <PlaceholderPage
      title="Projects"
      description="The project list (search, cursor pagination), create, rename and delete."
    />
  );
}
