import type { FactField } from 'virtual:fact-forms';
import { useI18n } from '../../i18n/i18n';

export type Values = Readonly<Record<string, string | boolean>>;
export type FieldErrors = Readonly<Record<string, string>>;

/** A form's values as the API takes them: numbers as numbers, empty optional fields left out. */
export function bodyOf(fields: readonly FactField[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (field.kind === 'boolean') {
      body[field.name] = value === true;
      continue;
    }
    if (typeof value !== 'string' || value.trim() === '') continue; // left out: the server says if it was needed
    body[field.name] = field.kind === 'integer' || field.kind === 'number' ? Number(value) : value;
  }
  return body;
}

/** A recorded fact's data as form values. */
export function valuesOf(data: Readonly<Record<string, unknown>>): Values {
  return Object.fromEntries(
    Object.entries(data).map(([name, value]) => [name, typeof value === 'boolean' ? value : String(value)]),
  );
}

function Input({
  field,
  value,
  onInput,
  describedBy,
  invalid,
}: {
  field: FactField;
  value: string | boolean | undefined;
  onInput(value: string | boolean): void;
  describedBy: string;
  invalid: boolean;
}) {
  const { t, label } = useI18n();
  const id = `field-${field.name}`;
  const common = {
    id,
    name: field.name,
    'aria-describedby': describedBy,
    'aria-invalid': invalid,
    required: field.required,
  };
  switch (field.kind) {
    case 'boolean':
      return (
        <input
          {...common}
          type="checkbox"
          required={false}
          checked={value === true}
          onChange={(e) => onInput((e.currentTarget as HTMLInputElement).checked)}
        />
      );
    case 'choice':
      return (
        <select
          {...common}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onInput((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{t('record.select')}</option>
          {(field.choices ?? []).map((choice) => (
            <option key={choice} value={choice}>
              {label(`choice.${choice}`, choice)}
            </option>
          ))}
        </select>
      );
    case 'long-text':
      return (
        <textarea
          {...common}
          rows={3}
          maxLength={field.maxLength}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => onInput((e.currentTarget as HTMLTextAreaElement).value)}
        />
      );
    case 'date':
      return (
        <input
          {...common}
          type="date"
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
      );
    case 'integer':
    case 'number':
      return (
        <input
          {...common}
          type="number"
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          step={field.kind === 'integer' ? 1 : 'any'}
          min={field.minimum}
          max={field.maximum}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
      );
    case 'identifier':
      return (
        <input
          {...common}
          type="text"
          inputMode="numeric"
          autocomplete="off"
          maxLength={12}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
      );
    default:
      return (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => onInput((e.currentTarget as HTMLInputElement).value)}
        />
      );
  }
}

/** The fields of a fact's form, each labelled, each with the server's word on it beside it. */
export function FactFields({
  fields,
  values,
  errors,
  onChange,
}: {
  fields: readonly FactField[];
  values: Values;
  errors: FieldErrors;
  onChange(name: string, value: string | boolean): void;
}) {
  const { t, label } = useI18n();
  return (
    <>
      {fields.map((field) => {
        const error = errors[field.name];
        const errorId = `field-${field.name}-error`;
        return (
          <div key={field.name} class={`field field-${field.kind}`}>
            <label for={`field-${field.name}`}>
              {label(`field.${field.name}`, field.name)}
              {!field.required && <span class="muted"> ({t('record.optional')})</span>}
            </label>
            <Input
              field={field}
              value={values[field.name]}
              onInput={(value) => onChange(field.name, value)}
              describedBy={errorId}
              invalid={error !== undefined}
            />
            <p id={errorId} class="error" data-field-error={field.name}>
              {error === undefined ? '' : t('record.invalidValue', { message: error })}
            </p>
          </div>
        );
      })}
    </>
  );
}
