/** What is wrong with one field, beside it; point the field's aria-describedby at `id`. Nothing when all is well. */
export function FieldError({ id, text, className }: { id: string; text?: string | null; className?: string }) {
  if (!text) return null;
  return (
    <span id={id} className={`field-error${className ? ` ${className}` : ""}`}>
      {text}
    </span>
  );
}
