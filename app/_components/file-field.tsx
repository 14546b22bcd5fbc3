/** The types the server accepts (lib/server/cases/uploads.ts decides by content; this only guides the picker). */
const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.webp,.gif,.heic,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.txt,.csv';

/** One file picker for every form that takes attachments: label, limits hint and the field's error. */
export function FileField({
  id,
  label,
  hint,
  errors,
  name = 'attachments',
}: {
  id: string;
  label: string;
  hint: string;
  errors?: string[];
  name?: string;
}) {
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="file"
        multiple
        accept={ACCEPT}
        aria-describedby={describedBy.join(' ')}
        aria-invalid={errors?.length ? true : undefined}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="field-error">
          {errors[0]}
        </p>
      ) : null}
    </div>
  );
}
