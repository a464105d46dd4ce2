import type { ReactNode } from 'react';
import { ApiError } from '../../api/client';

/** A labelled textarea, with an optional hint tied to it. */
export function TextAreaField({
  id,
  label,
  value,
  onValue,
  hint,
  required,
  rows = 2,
}: {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  hint?: string;
  required?: boolean;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        required={required}
        value={value}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onValue(event.target.value)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled select; `empty` is the text of the leading option with the value ''. */
export function SelectField({
  id,
  label,
  value,
  onValue,
  options,
  empty,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onValue: (value: string) => void;
  options: Array<[string, string]>;
  empty?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onValue(event.target.value)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An action's error as an alert, with the api's field messages when it gave some. */
export function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  const fields = error instanceof ApiError ? Object.values(error.fields) : [];
  return (
    <p className="alert" role="alert">
      {error.message}
      {fields.length ? ` ${fields.join(' ')}` : ''}
    </p>
  );
}
