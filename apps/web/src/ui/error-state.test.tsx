import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { TRPCClientError } from "@trpc/client";
import { expect, test, vi } from "vitest";
import { ErrorState } from "./error-state.tsx";

function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32004, data } });
}

test("an error from the server shows its message and the request id to quote", () => {
  const error = serverError("project not found", {
    code: "NOT_FOUND",
    httpStatus: 404,
    appCode: "NOT_FOUND",
    requestId: "req-7f3a",
  });
  render(<ErrorState error={error} title="Could not load the project" />);
  const alert = screen.getByRole("alert");
  expect(alert.textContent).toContain("Could not load the project");
  expect(alert.textContent).toContain("project not found");
  expect(screen.getByText("req-7f3a").tagName).toBe("CODE");
});

test("an error without a request id (a dropped connection) shows the message and no id line", () => {
  render(<ErrorState error={new TypeError("Failed to fetch")} />);
  expect(screen.getByRole("alert").textContent).toContain("Failed to fetch");
  expect(screen.queryByText(/Request id/)).toBeNull();
});

test("Try again calls the retry handler", async () => {
  const onRetry = vi.fn();
  render(<ErrorState error={new Error("boom")} onRetry={onRetry} />);
  await userEvent.click(screen.getByRole("button", { name: "Try again" }));
  expect(onRetry).toHaveBeenCalledOnce();
});

test("no Try again when the server's answer cannot change (not found), but after a 503 or a lost connection", () => {
  const onRetry = vi.fn();
  const missing = serverError("project not found", {
    code: "NOT_FOUND",
    httpStatus: 404,
    appCode: "NOT_FOUND",
  });
  const { unmount } = render(<ErrorState error={missing} onRetry={onRetry} />);
  expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  unmount();
  const busy = serverError("busy", { code: "SERVICE_UNAVAILABLE", httpStatus: 503, appCode: "UNAVAILABLE" });
  render(<ErrorState error={busy} onRetry={onRetry} />);
  render(<ErrorState error={new TypeError("Failed to fetch")} onRetry={onRetry} />);
  expect(screen.getAllByRole("button", { name: "Try again" })).toHaveLength(2);
});
