import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function DocumentsPage() {
  return (
    <PlaceholderPage title="Documents" description="The documentation pack as a tree, with stale badges." />
  );
}
