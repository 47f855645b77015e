import type { RouterOutputs } from "../../lib/trpc.ts";

type Scores = RouterOutputs["documents"]["get"]["version"]["scores"];

/** Flesch's own bands, so "54" reads as a word too. */
export function readingEaseBand(score: number): string {
  if (score >= 90) return "very easy";
  if (score >= 80) return "easy";
  if (score >= 70) return "fairly easy";
  if (score >= 60) return "plain";
  if (score >= 50) return "fairly difficult";
  if (score >= 30) return "difficult";
  return "very difficult";
}

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat();

export function ReadabilitySummary({ scores }: { scores: Scores }) {
  return (
    <dl className="grid grid-cols-3 gap-3 text-sm lg:grid-cols-1">
      <div>
        <dt className="text-xs text-fg-muted">Words</dt>
        <dd className="font-medium text-fg">{whole.format(scores.wordCount)}</dd>
      </div>
      <div>
        <dt className="text-xs text-fg-muted">Reading ease</dt>
        <dd className="font-medium text-fg">
          {oneDecimal.format(scores.fleschReadingEase)}{" "}
          <span className="font-normal text-fg-muted">({readingEaseBand(scores.fleschReadingEase)})</span>
        </dd>
      </div>
      <div>
        <dt className="text-xs text-fg-muted">Grade level</dt>
        <dd className="font-medium text-fg">{oneDecimal.format(scores.gradeLevel)}</dd>
      </div>
    </dl>
  );
}
