import { Button } from "../../ui/button.tsx";
import { DialogClose } from "../../ui/dialog.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { RunEstimate } from "./run-estimate.tsx";
import { runRefusalTitle } from "./run-refusal.ts";
import type { useRunEstimate } from "./use-run-estimate.ts";

export interface RunDialogFooterProps {
  estimate: ReturnType<typeof useRunEstimate>;
  /** The refused run's error; left out when a form field already shows it. */
  refusal: unknown;
  pending: boolean;
  submitLabel: string;
}

/**
 * The end of a form that starts a step: what the run would take, why the last try was refused,
 * and the submit button, held back while the estimate says the run cannot start.
 */
export function RunDialogFooter({ estimate, refusal, pending, submitLabel }: RunDialogFooterProps) {
  return (
    <>
      <RunEstimate estimate={estimate} />
      {refusal ? <ErrorState error={refusal} title={runRefusalTitle(refusal)} /> : null}
      <div className="flex flex-wrap justify-end gap-2">
        <DialogClose asChild>
          <Button>Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending} disabled={estimate.refusal !== null}>
          {submitLabel}
        </Button>
      </div>
    </>
  );
}
