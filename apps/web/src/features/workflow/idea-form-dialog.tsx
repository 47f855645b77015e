import { Plus, Trash2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { describeError } from "../../lib/trpc-error.ts";
import { Button } from "../../ui/button.tsx";
import { Dialog } from "../../ui/dialog.tsx";
import { TextArea, TextField } from "../../ui/text-field.tsx";
import { RunDialogFooter } from "./run-dialog-footer.tsx";
import { useRunEstimate } from "./use-run-estimate.ts";
import { useRunStep } from "./use-run-step.ts";

interface Clarification {
  key: number;
  question: string;
  answer: string;
}

export interface IdeaFormDialogProps {
  projectId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

const minIdeaLength = 10;

const answered = (clarifications: Clarification[]) =>
  clarifications
    .filter((c) => c.question.trim() !== "")
    .map(({ question, answer }) => ({ question, answer }));

/** Starts the first step: the idea, who it is for, and answers to questions already known. */
export function IdeaFormDialog({ projectId, open, onOpenChange }: IdeaFormDialogProps) {
  const { mutation, withKey } = useRunStep(() => onOpenChange(false));
  const [idea, setIdea] = useState("");
  const [audience, setAudience] = useState("");
  const [clarifications, setClarifications] = useState<Clarification[]>([]);
  const [nextKey, setNextKey] = useState(0);
  const [ideaTooShort, setIdeaTooShort] = useState(false);

  const issues = mutation.error ? describeError(mutation.error).issues : [];
  const issueAt = (path: string) => issues.find((issue) => issue.path === path)?.message;
  const fieldIssues = issues.some((issue) => issue.path.startsWith("input"));

  const ideaInput = {
    idea,
    ...(audience.trim() ? { audience } : {}),
    ...(answered(clarifications).length > 0 ? { clarifications: answered(clarifications) } : {}),
  };
  const estimate = useRunEstimate(
    open && idea.trim().length >= minIdeaLength ? { projectId, step: "about", input: ideaInput } : null,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (idea.trim().length < minIdeaLength) {
      setIdeaTooShort(true);
      return;
    }
    setIdeaTooShort(false);
    mutation.mutate(withKey({ projectId, step: "about", input: ideaInput }));
  };

  const update = (key: number, change: Partial<Clarification>) =>
    setClarifications((list) => list.map((c) => (c.key === key ? { ...c, ...change } : c)));

  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Describe the idea"
      description="The Business Analyst turns it into about.md; the later steps build on that."
    >
      <form id="idea-form" onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextArea
          label="Idea"
          name="idea"
          rows={6}
          required
          value={idea}
          onChange={(e) => {
            setIdea(e.target.value);
            setIdeaTooShort(false);
          }}
          hint="What should the software do, and why? A few sentences are enough."
          error={ideaTooShort ? "Describe the idea in at least a sentence." : issueAt("input.idea")}
        />
        <TextField
          label="Audience (optional)"
          name="audience"
          value={audience}
          onChange={(e) => setAudience(e.target.value)}
          hint="Who will use it?"
          error={issueAt("input.audience")}
        />
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-1 text-sm font-medium text-fg">Clarifications (optional)</legend>
          {clarifications.map((c, index) => (
            <div key={c.key} className="flex flex-col gap-2 rounded-md border border-border p-3">
              <TextField
                label={`Question ${index + 1}`}
                value={c.question}
                onChange={(e) => update(c.key, { question: e.target.value })}
                error={issueAt(`input.clarifications.${index}.question`)}
              />
              <TextArea
                label={`Answer ${index + 1}`}
                rows={2}
                value={c.answer}
                onChange={(e) => update(c.key, { answer: e.target.value })}
                error={issueAt(`input.clarifications.${index}.answer`)}
              />
              <div>
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setClarifications((list) => list.filter((other) => other.key !== c.key))}
                >
                  <Trash2 aria-hidden="true" className="size-3.5" />
                  Remove question {index + 1}
                </Button>
              </div>
            </div>
          ))}
          <div>
            <Button
              size="sm"
              onClick={() => {
                setClarifications((list) => [...list, { key: nextKey, question: "", answer: "" }]);
                setNextKey((k) => k + 1);
              }}
            >
              <Plus aria-hidden="true" className="size-3.5" />
              Add a question
            </Button>
          </div>
        </fieldset>
        <RunDialogFooter
          estimate={estimate}
          refusal={fieldIssues ? undefined : mutation.error}
          pending={mutation.isPending}
          submitLabel="Start the About step"
        />
      </form>
    </Dialog>
  );
}
