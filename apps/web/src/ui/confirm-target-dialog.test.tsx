import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import { ConfirmTargetDialog } from "./confirm-target-dialog.tsx";

interface Row {
  id: string;
  name: string;
}

/** A list page's wiring: the row asked about, and a mutation that answers as `answer` says. */
function RevokeRow({ answer }: { answer: (succeeded: { onSuccess: () => void }) => void }) {
  const [revoking, setRevoking] = useState<Row | undefined>({ id: "k1", name: "CI pipeline" });
  const mutation = { isPending: false, error: undefined, reset: vi.fn() };
  return (
    <ConfirmTargetDialog
      target={revoking}
      onDismiss={() => setRevoking(undefined)}
      title={(row) => `Revoke “${row.name}”?`}
      description="Anything using this key is refused from now on."
      confirmLabel="Revoke key"
      mutation={mutation}
      failureTitle="The key was not revoked"
      onConfirm={(_row, succeeded) => answer(succeeded)}
    />
  );
}

test("names the target row, and closes once the mutation succeeds", async () => {
  render(<RevokeRow answer={(succeeded) => succeeded.onSuccess()} />);
  expect(screen.getByRole("alertdialog", { name: "Revoke “CI pipeline”?" })).toBeTruthy();
  await userEvent.click(screen.getByRole("button", { name: "Revoke key" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
});

test("stays open while the mutation has not succeeded, and Cancel closes it", async () => {
  const answer = vi.fn();
  render(<RevokeRow answer={answer} />);
  await userEvent.click(screen.getByRole("button", { name: "Revoke key" }));
  expect(answer).toHaveBeenCalledOnce();
  expect(screen.getByRole("alertdialog")).toBeTruthy();
  await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
  expect(screen.queryByRole("alertdialog")).toBeNull();
});
