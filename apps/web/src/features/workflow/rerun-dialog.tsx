import type { Step } from "@jeex/contracts/steps";
import { type FormEvent, useState } from "react";
import { describeError } from "../../lib/trpc-error.ts";
import { Dialog } from "../../ui/dialog.tsx";
import { TextArea } from "../../ui/text-field.tsx";
import { RunDialogFooter } from "./run-dialog-footer.tsx";
import { stepAgents, stepTitles } from "./steps.ts";
import { useRunEstimate } from "./use-run-estimate.ts";
import { useRunStep } from "./use-run-step.ts";

export interface RerunDialogProps {
  projectId: string;
  step: Step;
  /** "Run" for a step that never ran, "Re-run" for one that did. */
  firstRun: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

/** Runs a step again (or a later step for the first time), with optional feedback for its agent. */
export function RerunDialog({ projectId, step, firstRun, open, onOpenChange }: RerunDialogProps) {
  const { mutation, withKey } = useRunStep(() => onOpenChange(false));
  const [feedback, setFeedback] = useState("");
  const feedbackIssue = mutation.error
    ? describeError(mutation.error).issues.find((issue) => issue.path === "feedback")?.message
    : undefined;

  const trimmed = feedback.trim();
  const estimate = useRunEstimate(
    open ? { projectId, step, ...(trimmed ? { feedback: trimmed } : {}) } : null,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(withKey({ projectId, step, ...(trimmed ? { feedback: trimmed } : {}) }));
  };
  const title = `${firstRun ? "Run" : "Re-run"} the ${stepTitles[step]} step`;

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={
        firstRun
          ? `The ${stepAgents[step]} drafts this step's documents from the active documents of the steps before it.`
          : `The ${stepAgents[step]} drafts this step's documents again from the active documents of the steps before it. They become the new active version; the current one stays in the history.`
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextArea
          label="Feedback (optional)"
          name="feedback"
          rows={4}
          maxLength={5_000}
          value={feedback}
          onChange={(e) => setFeedback(e.target.value)}
          hint={
            firstRun
              ? "Anything the agent should know or stress in this draft."
              : "What should change compared with the current version?"
          }
          error={feedbackIssue}
        />
        <RunDialogFooter
          estimate={estimate}
          refusal={feedbackIssue ? undefined : mutation.error}
          pending={mutation.isPending}
          submitLabel={firstRun ? "Run" : "Re-run"}
        />
      </form>
    </Dialog>
  );
}
