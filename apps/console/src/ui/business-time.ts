/**
 * A `datetime-local` input's value (`2025-03-01T10:00`), read in Kazakhstan time, as the API's
 * timestamp with its zone and seconds (`2025-03-01T10:00:00+05:00`); empty is now.
 */
export function fromLocalInput(value: string): string | undefined {
  if (value === '') return undefined;
  return `${value.length === 16 ? `${value}:00` : value}+05:00`;
}

/** A calendar date input's value is already what the API takes: the start of that day in Kazakhstan. */
export const fromDateInput = (value: string): string | undefined => (value === '' ? undefined : value);
