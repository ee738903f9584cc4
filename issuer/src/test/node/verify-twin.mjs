// Runs @digitalcredentials/verifier-core's verifyCredential on the credentials in <dir>/cases.json.
// Every fetch the verifier makes is answered from <dir>/documents.json (URL -> JSON document);
// nothing reaches the network: an unknown URL gets 404 and is reported under "unanswered".
// verifier-core's document loader fetches http(s) URLs with ky on globalThis.fetch, so replacing
// globalThis.fetch before importing it is enough (read in security-document-loader/http-client).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// libraries log to the console; stdout carries only our answer
console.log = (...args) => console.error(...args);

const dir = process.argv[2];
const documents = JSON.parse(readFileSync(join(dir, 'documents.json'), 'utf8'));
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const requested = [];
const unanswered = [];

globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  const accept = (init?.headers && new Headers(init.headers).get('accept')) ?? (input.headers?.get?.('accept'));
  requested.push({ url, accept });
  const key = url.split('#')[0];
  if (Object.hasOwn(documents, key)) {
    return new Response(JSON.stringify(documents[key]), {
      status: 200, headers: { 'content-type': 'application/ld+json' }
    });
  }
  unanswered.push(url);
  return new Response('not found', { status: 404, statusText: 'Not Found' });
};

const { verifyCredential } = await import('@digitalcredentials/verifier-core');

const results = [];
for (const c of cases) {
  const result = await verifyCredential({ credential: c.credential, knownDIDRegistries: [] });
  const log = (result.log ?? []).map(step => ({ id: step.id, valid: step.valid, error: step.error?.message ?? step.error?.name }));
  const errors = (result.errors ?? []).map(e => ({ name: e.name, message: e.message }));
  results.push({ name: c.name, errors, log });
}
process.stdout.write(JSON.stringify({ results, requested, unanswered }) + '\n');
