import { RULE_CATALOGUE, RULE_NAMES } from '#domain';
import { HTTP_PROBLEMS, RULE_STATUS, type HttpProblemName } from './problem-catalogue.js';

export const TABLES_START = '<!-- problem types: generated from the catalogues by `npm run docs:problems` -->';
export const TABLES_END = '<!-- end of the generated problem types -->';

/** The error tables of docs/API.md, from the two catalogues: every problem type the service answers with. */
export function problemTables(): string {
  const http = (Object.keys(HTTP_PROBLEMS) as HttpProblemName[])
    .sort((a, b) => HTTP_PROBLEMS[a].status - HTTP_PROBLEMS[b].status)
    .map((name) => `| ${HTTP_PROBLEMS[name].status} | \`${name}\` | ${HTTP_PROBLEMS[name].when} |`);
  const rules = [...RULE_NAMES]
    .sort((a, b) => RULE_STATUS[RULE_CATALOGUE[a].kind] - RULE_STATUS[RULE_CATALOGUE[b].kind] || a.localeCompare(b))
    .map((rule) => `| ${RULE_STATUS[RULE_CATALOGUE[rule].kind]} | \`${rule}\` | ${RULE_CATALOGUE[rule].title} |`);
  return [
    TABLES_START,
    '',
    'Problems of the HTTP layer, access and consistency:',
    '',
    '| status | `type` | when |',
    '| --- | --- | --- |',
    ...http,
    '',
    'Rules of the record (`rule` carries the same name): 404 when the path names something never',
    'recorded, 409 when what is recorded makes the request impossible, 400 when the request',
    'contradicts itself (`errors` names the field):',
    '',
    '| status | `type` | rule |',
    '| --- | --- | --- |',
    ...rules,
    '',
    TABLES_END,
  ].join('\n');
}

/** A document with its generated tables replaced by the current ones. */
export function withProblemTables(document: string): string {
  const start = document.indexOf(TABLES_START);
  const end = document.indexOf(TABLES_END);
  if (start < 0 || end < start) throw new Error('The document has no generated problem tables to replace');
  return document.slice(0, start) + problemTables() + document.slice(end + TABLES_END.length);
}
