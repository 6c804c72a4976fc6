import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { API_VERSION, createApp } from '../create-app.js';
import { openApiDocument } from '../openapi/openapi.js';
import { CONTRACT_DOCUMENT, CONTRACT_TYPES, contractDocumentText, contractTypes } from './contract-types.js';

/**
 * Writes the API contract integrators and the console build on (`npm run contract`): the
 * OpenAPI document the service serves, and the TypeScript types generated from it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'compliance-contract-'));
try {
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' }));
  const document = openApiDocument(app, API_VERSION);
  await app.close();
  writeFileSync(CONTRACT_DOCUMENT, contractDocumentText(document));
  writeFileSync(CONTRACT_TYPES, await contractTypes(document));
  console.error(`Wrote ${CONTRACT_DOCUMENT} and ${CONTRACT_TYPES}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
