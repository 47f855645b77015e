import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function UsagePage() {
  return (
    <PlaceholderPage title="Usage" description="Tokens, cost and budget for the month, as a small chart." />
  );
}
