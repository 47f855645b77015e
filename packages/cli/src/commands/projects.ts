import type { RouterOutputs } from "@jeex/client";
import { parseCommandArgs, requireFlag } from "../args.ts";
import type { Command } from "../command.ts";
import { connect } from "../connection.ts";
import { allItems } from "../pages.ts";

type Project = RouterOutputs["projects"]["list"]["items"][number];

const describe = (project: Project) => `${project.id}  ${project.name}`;

const listOptions = { search: { type: "string" } } as const;
const createOptions = { name: { type: "string" }, description: { type: "string" } } as const;

export const projectsListCommand: Command = {
  path: ["projects", "list"],
  usage: "jeex projects list [--search <text>]",
  summary: "list the tenant's projects, newest first",
  options: listOptions,
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, listOptions);
    const { client } = await connect(context, values);
    const projects = await allItems((cursor) =>
      client.projects.list.query({
        limit: 100,
        ...(values.search ? { search: values.search } : {}),
        ...cursor,
      }),
    );
    context.out.result(
      { projects },
      projects.length === 0 ? "No projects yet: jeex projects create --name <name>" : projects.map(describe),
    );
  },
};

export const projectsCreateCommand: Command = {
  path: ["projects", "create"],
  usage: "jeex projects create --name <name> [--description <text>]",
  summary: "create a project and print its id",
  options: createOptions,
  async run(context, argv) {
    const { values } = parseCommandArgs(argv, createOptions);
    const name = requireFlag(values.name, "name");
    const { client } = await connect(context, values);
    const project = await client.projects.create.mutate({
      name,
      ...(values.description !== undefined ? { description: values.description } : {}),
    });
    context.out.result(project, [`Created project ${project.name}`, `id: ${project.id}`]);
  },
};
