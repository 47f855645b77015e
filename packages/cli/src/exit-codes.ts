/** What the process exit status means; scripts branch on these, so they never change meaning. */
export const ExitCode = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  unauthenticated: 3,
  forbidden: 4,
  notFound: 5,
  runFailed: 6,
  unreachable: 7,
  refused: 8,
  qualityErrors: 9,
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The table printed by `jeex --help` and kept in the README. */
export const exitCodeTable: readonly (readonly [ExitCode, string])[] = [
  [ExitCode.ok, "success"],
  [ExitCode.unexpected, "unexpected error (a bug, or INTERNAL_SERVER_ERROR)"],
  [ExitCode.usage, "usage error: bad command, flag or value (also BAD_REQUEST)"],
  [ExitCode.unauthenticated, "not logged in, or the API key was rejected (UNAUTHORIZED)"],
  [ExitCode.forbidden, "the key's role or tenant does not allow it (FORBIDDEN)"],
  [ExitCode.notFound, "project, document or version not found (NOT_FOUND)"],
  [ExitCode.runFailed, "a step or export failed or was cancelled, or the download did not verify"],
  [ExitCode.unreachable, "server unreachable or unavailable, or the connection was lost for good"],
  [ExitCode.refused, "refused as things stand: CONFLICT, PRECONDITION_FAILED, rate limit, quota"],
  [ExitCode.qualityErrors, "jeex check: the pack's quality report has errors"],
  [ExitCode.interrupted, "interrupted (Ctrl-C)"],
];
