import type { ResolvedChoice } from "./stack-resolution.ts";
import { truncate } from "./text.ts";

/** Mermaid labels sit in double quotes; keep them on one line and free of quotes. */
const label = (text: string, max = 80): string =>
  truncate(text.replace(/["\n\r]+/g, "'").replace(/\s+/g, " "), max);

/** Areas that are someone else's system rather than a container we run. */
const externalAreas: Record<string, string> = {
  authentication: "Signs people in",
  payments: "Takes payments",
  ai: "Generates and interprets text",
};

export interface DiagramSubject {
  name: string;
  summary: string;
  audience: string[];
  stack: ResolvedChoice[];
}

const personLines = (audience: string[]): string[] =>
  audience.slice(0, 4).map((segment, index) => `  Person(person${index + 1}, "${label(segment, 60)}")`);

const externalSystems = (stack: ResolvedChoice[]) =>
  stack.flatMap((choice) => {
    const role = externalAreas[choice.area.id];
    return role ? [{ id: `ext_${choice.area.id}`, name: choice.technology.name, role }] : [];
  });

/** C4 level 1: who uses the system and which outside systems it depends on. */
export function contextDiagram(subject: DiagramSubject): string {
  const externals = externalSystems(subject.stack);
  return [
    "C4Context",
    `  title System context of ${label(subject.name)}`,
    ...personLines(subject.audience),
    `  System(system, "${label(subject.name)}", "${label(subject.summary)}")`,
    ...externals.map(
      (external) => `  System_Ext(${external.id}, "${label(external.name)}", "${external.role}")`,
    ),
    ...subject.audience.slice(0, 4).map((_, index) => `  Rel(person${index + 1}, system, "Uses")`),
    ...externals.map((external) => `  Rel(system, ${external.id}, "${external.role}")`),
  ].join("\n");
}

/** C4 level 2: the deployable pieces, each labelled with its chosen technology. */
export function containerDiagram(subject: DiagramSubject): string {
  const choice = (areaId: string) => subject.stack.find((item) => item.area.id === areaId)?.technology.name;
  const containers: string[] = [];
  const relations: string[] = [];
  const clients = [
    { area: "frontend", id: "web", name: "Web front end", does: "What people use in the browser" },
    { area: "mobile", id: "mobile", name: "Mobile app", does: "What people use on their phones" },
  ];
  for (const client of clients) {
    const technology = choice(client.area);
    if (!technology) continue;
    containers.push(
      `    Container(${client.id}, "${client.name}", "${label(technology)}", "${client.does}")`,
    );
    relations.push(`  Rel(person1, ${client.id}, "Uses")`, `  Rel(${client.id}, api, "Calls", "HTTPS")`);
  }
  if (!relations.length) relations.push(`  Rel(person1, api, "Calls", "HTTPS")`);
  containers.push(
    `    Container(api, "Backend API", "${label(choice("backend") ?? "API server")}", "Business rules and API")`,
  );
  containers.push(
    `    ContainerDb(db, "Database", "${label(choice("database") ?? "Database")}", "Product data")`,
  );
  relations.push(`  Rel(api, db, "Reads and writes")`);
  const jobs = choice("jobs");
  if (jobs) {
    containers.push(`    ContainerQueue(queue, "Job queue", "${label(jobs)}", "Work outside requests")`);
    containers.push(
      `    Container(worker, "Worker", "${label(choice("backend") ?? "Worker")}", "Runs background jobs")`,
    );
    relations.push(
      `  Rel(api, queue, "Enqueues jobs")`,
      `  Rel(worker, queue, "Takes jobs")`,
      `  Rel(worker, db, "Reads and writes")`,
    );
  }
  const search = choice("search");
  if (search && search !== "PostgreSQL full-text search") {
    containers.push(
      `    ContainerDb(search, "Search index", "${label(search)}", "Searchable copies of product data")`,
    );
    relations.push(`  Rel(api, search, "Indexes and queries")`);
  }
  const files = choice("files");
  if (files) {
    containers.push(`    ContainerDb(files, "File storage", "${label(files)}", "Uploaded files")`);
    relations.push(`  Rel(api, files, "Signs upload and download URLs")`);
  }
  const externals = externalSystems(subject.stack);
  return [
    "C4Container",
    `  title Containers of ${label(subject.name)}`,
    ...personLines(subject.audience.length ? subject.audience : ["User"]).slice(0, 1),
    `  System_Boundary(boundary, "${label(subject.name)}") {`,
    ...containers,
    "  }",
    ...externals.map(
      (external) => `  System_Ext(${external.id}, "${label(external.name)}", "${external.role}")`,
    ),
    ...relations,
    ...externals.map((external) => `  Rel(api, ${external.id}, "${external.role}")`),
  ].join("\n");
}
