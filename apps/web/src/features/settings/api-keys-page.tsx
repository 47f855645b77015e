import { PlaceholderPage } from "../../app/placeholder-page.tsx";

export function ApiKeysPage() {
  return (
    <PlaceholderPage title="API keys" description="Create (secret shown once), copy and revoke API keys." />
  );
}
