import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';

import type { FactField, FactForm } from 'virtual:fact-forms';

/*
 * The forms of the console, taken from the API's OpenAPI document at build time: for every write
 * operation, its path parameters and its body's fields with their kind and constraints. The
 * console cannot offer a field the API does not take, nor miss one it needs.
 */

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly anyOf?: readonly Schema[];
  readonly properties?: Record<string, Schema>;
  readonly required?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly pattern?: string;
  readonly format?: string;
}
interface Operation {
  readonly parameters?: readonly { name: string; in: string }[];
  readonly requestBody?: { content: Record<string, { schema: Schema }> };
}
interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, Schema> };
}

/** Longer text than this is written in a text area. */
const SHORT_TEXT = 300;

function fieldOf(name: string, schema: Schema, required: boolean): FactField {
  const base = { name, required };
  if (schema.enum) return { ...base, kind: 'choice', choices: schema.enum };
  if (schema.anyOf?.some((s) => s.format === 'date')) return { ...base, kind: 'date' };
  if (schema.type === 'boolean') return { ...base, kind: 'boolean' };
  if (schema.type === 'integer' || schema.type === 'number') {
    return { ...base, kind: schema.type, minimum: schema.minimum, maximum: schema.maximum };
  }
  if (schema.pattern === '^[0-9]{12}$') return { ...base, kind: 'identifier', pattern: schema.pattern };
  if (schema.minLength === undefined && schema.pattern !== undefined) {
    return { ...base, kind: 'text', pattern: schema.pattern }; // an id of the officer's choosing
  }
  return { ...base, kind: (schema.maxLength ?? 0) > SHORT_TEXT ? 'long-text' : 'text', maxLength: schema.maxLength };
}

export function factFormsOf(document: Document): Record<string, FactForm> {
  const forms: Record<string, FactForm> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith('/v1/entities')) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (method !== 'post' && method !== 'patch') continue;
      const ref = operation.requestBody?.content['application/json']?.schema.$ref;
      const body = ref === undefined ? undefined : document.components.schemas[ref.split('/').at(-1) as string];
      if (body === undefined) continue;
      const required = new Set(body.required ?? []);
      forms[`${method.toUpperCase()} ${path}`] = {
        path,
        method: method.toUpperCase() as 'POST' | 'PATCH',
        pathParameters: (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        fields: Object.entries(body.properties ?? {}).map(([name, schema]) =>
          fieldOf(name, schema, required.has(name)),
        ),
      };
    }
  }
  return forms;
}

const VIRTUAL = 'virtual:fact-forms';

/** `import { FACT_FORMS } from 'virtual:fact-forms'`: the forms, from the committed contract. */
export function factForms(documentFile: string): Plugin {
  return {
    name: 'fact-forms',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : undefined),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return undefined;
      this.addWatchFile(documentFile);
      const document = JSON.parse(readFileSync(documentFile, 'utf8')) as Document;
      return `export const FACT_FORMS = ${JSON.stringify(factFormsOf(document))};`;
    },
  };
}
