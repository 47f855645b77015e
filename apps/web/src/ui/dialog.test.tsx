import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { expect, test, vi } from "vitest";
import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";
import { TextField } from "./text-field.tsx";

test("a dialog with a form opens with the first field focused, not the close button", () => {
  render(
    <Dialog open onOpenChange={() => {}} title="New project" footer={<Button>Cancel</Button>}>
      <TextField label="Name" />
    </Dialog>,
  );
  expect(document.activeElement).toBe(screen.getByLabelText("Name"));
});

test("Tab goes from the fields through the footer to the close button, and Escape closes", async () => {
  const onOpenChange = vi.fn();
  render(
    <Dialog open onOpenChange={onOpenChange} title="New project" footer={<Button>Cancel</Button>}>
      <TextField label="Name" />
    </Dialog>,
  );
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByLabelText("Name"));
  await userEvent.keyboard("{Escape}");
  expect(onOpenChange).toHaveBeenCalledWith(false);
});

test("a dialog with nothing to fill in focuses its close button", () => {
  render(<Dialog open onOpenChange={() => {}} title="Architecture run" />);
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
});
