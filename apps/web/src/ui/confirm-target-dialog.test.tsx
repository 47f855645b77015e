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

/** A row's own button asks about the row: the dialog has no trigger of its own. */
function RowWithRevokeButton() {
  const [revoking, setRevoking] = useState<Row | undefined>(undefined);
  const row = { id: "k1", name: "CI pipeline" };
  return (
    <>
      <button type="button" onClick={() => setRevoking(row)}>
        Revoke CI pipeline
      </button>
      <ConfirmTargetDialog
        target={revoking}
        onDismiss={() => setRevoking(undefined)}
        title={(target) => `Revoke “${target.name}”?`}
        description="Anything using this key is refused from now on."
        confirmLabel="Revoke key"
        mutation={{ isPending: false, error: undefined, reset: vi.fn() }}
        failureTitle="The key was not revoked"
        onConfirm={() => undefined}
      />
    </>
  );
}

test("Escape gives focus back to the row's button that asked, not to the top of the page", async () => {
  render(<RowWithRevokeButton />);
  const asker = screen.getByRole("button", { name: "Revoke CI pipeline" });
  asker.focus();
  await userEvent.keyboard("{Enter}");
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
  await userEvent.keyboard("{Escape}");
  expect(screen.queryByRole("alertdialog")).toBeNull();
  expect(document.activeElement).toBe(asker);
});
