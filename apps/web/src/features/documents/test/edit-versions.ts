/** The version an edit starts from, and the newer one someone else saved meanwhile (a conflict's "theirs"). */
export const base = { versionId: "v1", version: 1, content: "# About\n\nDogs need walks.\n" };

export const theirs = {
  versionId: "v2",
  version: 2,
  content: "# About\n\nDogs need long walks.\n",
  source: "human" as const,
  createdBy: "u-bea",
  createdAt: "2026-12-01T10:00:00.000Z",
};
