import { readFileSync, writeFileSync } from 'node:fs';
import { withProblemTables } from '../http/problem-details/problem-tables.js';

/** Writes the problem tables of docs/API.md from the catalogues (`npm run docs:problems`). */
const file = process.argv[2] ?? 'docs/API.md';
writeFileSync(file, withProblemTables(readFileSync(file, 'utf8')));
console.error(`Wrote the problem tables of ${file}`);
