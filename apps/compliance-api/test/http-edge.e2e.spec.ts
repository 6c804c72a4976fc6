import { afterEach, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { aBin, IIN, TestApp } from './support/test-app.js';

/** Sends raw bytes to the listening app and answers what came back before the connection closed. */
async function raw(api: TestApp, send: (socket: ReturnType<typeof connect>) => Promise<void> | void): Promise<string> {
  const { port } = new URL(await api.app.getUrl());
  const socket = connect(Number(port), '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => undefined); // the server may reset a connection it refused
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  await send(socket);
  await closed;
  return Buffer.concat(chunks).toString('utf8');
}

const problemOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));

describe('the HTTP edge', () => {
  const started: TestApp[] = [];
  const start = async (env: Record<string, string> = {}, listen = false) => {
    const api = await TestApp.start(undefined, { env });
    started.push(api);
    if (listen) await api.app.listen(0, '127.0.0.1');
    return api;
  };

  afterEach(async () => {
    for (const api of started.splice(0)) await api.stop();
  });

  it('answers a method a path does not take with 405 and Allow, and an unknown path with 404', async () => {
    const api = await start();
    const bin = aBin();
    const put = await api.request('PUT', `/v1/register/${bin}`);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    expect(put.body).toMatchObject({ type: 'urn:compliance-engine:problem:method-not-allowed', status: 405 });
    const del = await api.request('DELETE', `/v1/entities/${bin}`);
    expect([del.status, del.headers.allow]).toEqual([405, 'GET, HEAD, PATCH']);
    expect((await api.request('GET', '/v1/entities')).headers.allow).toBe('POST');
    const unknown = await api.request('GET', '/v1/nothing-here');
    expect([unknown.status, unknown.body.type]).toEqual([404, 'urn:compliance-engine:problem:not-found']);
  });

  it('asks for the key before it reads the body: 401 for a malformed or oversized body without one', async () => {
    const api = await start();
    const anonymous = { authorization: '' };
    for (const payload of ['{"bin": ', 'x'.repeat(2 * 1024 * 1024)]) {
      const reply = await api.request('POST', '/v1/entities', payload, anonymous);
      expect([reply.status, reply.headers['www-authenticate']]).toEqual([401, 'Bearer']);
    }
    expect((await api.request('POST', '/v1/entities', '{"bin": ')).status).toBe(400); // with a key, judged
  });

  it('answers what the HTTP parser refuses as problem documents: an unknown method, headers too large', async () => {
    const api = await start({}, true);
    const unknownMethod = await raw(api, (s) => void s.write('FOO /v1/register HTTP/1.1\r\nHost: x\r\n\r\n'));
    expect(unknownMethod).toMatch(/^HTTP\/1.1 400 /);
    expect(unknownMethod).toMatch(/content-type: application\/problem\+json/i);
    expect(problemOf(unknownMethod)).toMatchObject({ type: 'urn:compliance-engine:problem:malformed-request' });

    const large = await raw(
      api,
      (s) => void s.write(`GET /v1/register HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
    );
    expect(large).toMatch(/^HTTP\/1.1 431 /);
    expect(problemOf(large)).toMatchObject({ type: 'urn:compliance-engine:problem:headers-too-large', status: 431 });
  });

  it('ends a request whose body arrives too slowly when its time is up, with 408', async () => {
    const api = await start({ REQUEST_TIMEOUT_SECONDS: '2' }, true);
    let sent = 0;
    let closedEarly = false;
    const answer = await raw(api, async (socket) => {
      socket.once('close', () => (closedEarly = true));
      socket.write(
        `POST /v1/entities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.keys.admin}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 40\r\n\r\n',
      );
      // a byte every half second: the whole body would take 20 s
      while (sent < 40 && !closedEarly) {
        socket.write('{'.slice(0, 1));
        sent++;
        await sleep(500);
      }
    });
    expect(sent).toBeLessThan(40);
    expect(answer).toMatch(/^HTTP\/1.1 408 /);
    expect(problemOf(answer)).toMatchObject({ type: 'urn:compliance-engine:problem:request-timeout' });
  });

  it('caps the change streams one key and one address hold open, with 429 and Retry-After', async () => {
    const api = await start({ STREAMS_PER_KEY: '2', STREAMS_PER_ADDRESS: '3' }, true);
    const base = `${await api.app.getUrl()}/v1/register/changes?follow=true`;
    const open: AbortController[] = [];
    const follow = async (key: string) => {
      const abort = new AbortController();
      const response = await fetch(base, { signal: abort.signal, headers: { authorization: `Bearer ${key}` } });
      if (response.status === 200) open.push(abort);
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        body: response.status === 200 ? undefined : ((await response.json()) as unknown),
      };
    };
    try {
      expect((await follow(api.keys.registry)).status).toBe(200);
      expect((await follow(api.keys.registry)).status).toBe(200);
      const third = await follow(api.keys.registry);
      expect([third.status, third.retryAfter]).toEqual([429, '60']);
      expect(third.body).toMatchObject({ type: 'urn:compliance-engine:problem:too-many-streams' });
      expect((await follow(api.keys.auditor)).status).toBe(200); // another key, same address: the third
      expect((await follow(api.keys.officer)).status).toBe(429); // the address holds its three

      open.shift()?.abort(); // a stream closed frees its place
      let again = 429;
      for (let attempt = 0; attempt < 50 && again === 429; attempt++) {
        await sleep(20);
        again = (await follow(api.keys.registry)).status;
      }
      expect(again).toBe(200);
    } finally {
      for (const abort of open) abort.abort();
    }
  });

  it('accepts minPosition on every read, and answers 404 for the export of an unknown entity', async () => {
    const api = await start();
    const bin = aBin();
    const written = await api.post('/v1/entities', { bin, name: 'Edge JSC', stateSharePercent: 100 });
    const position = written.body.position as string;
    for (const path of [
      `/v1/entities/${bin}`,
      `/v1/entities/${bin}/events`,
      `/v1/entities/${bin}/score`,
      `/v1/entities/${bin}/score-history`,
      `/v1/entities/${bin}/integrity`,
      `/v1/register/${bin}`,
      '/v1/register',
      '/v1/register/changes',
      `/v1/audit/export?bin=${bin}`,
    ]) {
      const join = path.includes('?') ? '&' : '?';
      expect([path, (await api.request('GET', `${path}${join}minPosition=${position}`)).status]).toEqual([path, 200]);
      expect([path, (await api.request('GET', `${path}${join}minPosition=%20`)).status]).toEqual([path, 400]);
    }
    const unknown = await api.request('GET', `/v1/audit/export?bin=${aBin()}`);
    expect([unknown.status, unknown.body.type]).toEqual([404, 'urn:compliance-engine:problem:entity-not-registered']);
  });

  it("keeps IINs out of problem documents, an individual entrepreneur's BIN among them", async () => {
    const api = await start();
    const entrepreneur = await api.request('GET', `/v1/register/${IIN}`); // an IE's BIN is its owner's IIN
    expect(entrepreneur.status).toBe(404);
    expect(JSON.stringify(entrepreneur.body)).not.toContain(IIN);
    expect(entrepreneur.body.instance).toBe(`/v1/register/${IIN.slice(0, 6)}******`);
    const head = await api.post(`/v1/entities/${aBin()}/heads/${IIN}/dismissal`, { dismissedOn: '2025-01-01' });
    expect(JSON.stringify(head.body)).not.toContain(IIN);
  });

  it('says which role may not, in English', async () => {
    const api = await start();
    const reply = await api.request('GET', '/v1/audit/export', undefined, {
      authorization: `Bearer ${api.keys.officer}`,
    });
    expect(reply.body.detail).toBe('An officer key may not use this endpoint');
  });
});
