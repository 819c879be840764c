import type { InputHTMLAttributes, Ref } from "react";

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  id: string;
  label: string;
  /** Always shown under the label (e.g. "8 to 256 characters."). */
  hint?: string;
  /** What is wrong with the value, shown under the input; null when nothing is. */
  problem?: string | null;
  ref?: Ref<HTMLInputElement>;
};

/** A labelled input whose hint and problem are tied to it with aria-describedby. */
export function Field({ id, label, hint, problem, ref, ...input }: FieldProps) {
  const hintId = `${id}-hint`;
  const problemId = `${id}-problem`;
  const describedBy = [hint && hintId, problem && problemId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input id={id} ref={ref} aria-invalid={problem ? true : undefined} aria-describedby={describedBy} {...input} />
      {problem && (
        <p id={problemId} className="field-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
