declare module 'virtual:fact-forms' {
  /** One field of a write's body, as build/fact-forms.ts reads it from the OpenAPI document. */
  export interface FactField {
    readonly name: string;
    readonly kind: 'text' | 'long-text' | 'date' | 'integer' | 'number' | 'boolean' | 'choice' | 'identifier';
    readonly required: boolean;
    readonly choices?: readonly string[];
    readonly minimum?: number;
    readonly maximum?: number;
    readonly maxLength?: number;
    readonly pattern?: string;
  }
  export interface FactForm {
    readonly path: string;
    readonly method: 'POST' | 'PATCH';
    readonly pathParameters: readonly string[];
    readonly fields: readonly FactField[];
  }
  /** Every write operation's form, by `METHOD path`, from the committed OpenAPI document. */
  export const FACT_FORMS: Readonly<Record<string, FactForm>>;
}
