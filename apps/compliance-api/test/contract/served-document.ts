import { TestApp } from '../support/test-app.js';

/** The OpenAPI document as a running service serves it at /docs-json. */
export async function servedDocument(): Promise<Record<string, unknown>> {
  const api = await TestApp.start();
  try {
    const answer = await api.request('GET', '/docs-json');
    if (answer.status !== 200) throw new Error(`/docs-json answered ${answer.status}`);
    return answer.body as Record<string, unknown>;
  } finally {
    await api.stop();
  }
}
