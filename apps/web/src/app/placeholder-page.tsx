import { Construction } from "lucide-react";
import { EmptyState } from "../ui/empty-state.tsx";
import { PageHeader } from "../ui/page-header.tsx";

export interface PlaceholderPageProps {
  title: string;
  /** Who builds it, and what it will show. */
  description: string;
}

/** Stands in for a feature page until its engineer replaces the route module. */
export function PlaceholderPage({ title, description }: PlaceholderPageProps) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState icon={Construction} title="Not built yet" description={description} />
    </>
  );
}
