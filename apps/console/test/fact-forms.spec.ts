import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { factFormsOf } from '../build/fact-forms';
import { FACT_OPERATIONS } from '../src/pages/record/fact-operations';

const document = JSON.parse(readFileSync('libs/api-contract/src/openapi.json', 'utf8'));

describe('the console forms, read from the OpenAPI document', () => {
  const forms = factFormsOf(document);

  it('has a form for every fact the console records, with the path parameters of its operation', () => {
    for (const operation of Object.values(FACT_OPERATIONS))
      expect([operation, forms[operation] !== undefined]).toEqual([operation, true]);
    expect(forms['POST /v1/entities/{bin}/certificates/{certificateId}/renewal'].pathParameters).toEqual([
      'bin',
      'certificateId',
    ]);
  });

  it('gives each field the kind its schema says: dates, choices, numbers, identifiers, text', () => {
    const issue = forms['POST /v1/entities/{bin}/certificates'];
    const kinds = Object.fromEntries(issue.fields.map((f) => [f.name, [f.kind, f.required]]));
    expect(kinds).toEqual({
      certificateId: ['text', true],
      certificateNumber: ['text', true],
      standard: ['choice', true],
      edition: ['text', false],
      certificationBody: ['text', true],
      scope: ['long-text', false],
      issuedOn: ['date', true],
      expiresOn: ['date', true],
    });
    const training = forms['POST /v1/entities/{bin}/trainings'].fields.find((f) => f.name === 'staffTotal');
    expect(training).toMatchObject({ kind: 'integer', minimum: 1 });
    const gift = forms['POST /v1/entities/{bin}/gifts'].fields;
    expect(gift.find((f) => f.name === 'recipientIin')?.kind).toBe('identifier');
    expect(gift.find((f) => f.name === 'recipientIsFamilyMember')?.kind).toBe('boolean');
  });
});
