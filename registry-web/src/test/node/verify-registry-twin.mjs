// Runs the DCC verifier (@digitalcredentials/verifier-core, installed from issuer/src/test/node's
// package-lock.json) on Data Integrity credentials downloaded from a running registry.
// usage: node verify-registry-twin.mjs <registry base URL> <dir>
//   <dir>/cases.json: [{name, credential}]; <dir>/local.json: URL -> document answered locally
//   (the official OB 3.0 JSON Schema, which the credentials name and this machine cannot fetch).
// Every other fetch under the registry's base URL goes to the registry itself; anything else gets
// 404 and is reported under "unanswered". verifier-core's document loader fetches with ky on
// globalThis.fetch, so replacing globalThis.fetch before importing it is enough.
// Also expands the issuer Profile and the Achievement (fetched as JSON-LD from the registry) with
// the same document loader in safe mode: undefined terms would fail.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

console.log = (...args) => console.error(...args);

const [base, dir] = process.argv.slice(2);
const cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
const local = JSON.parse(readFileSync(join(dir, 'local.json'), 'utf8'));
const expand = JSON.parse(readFileSync(join(dir, 'expand.json'), 'utf8'));
const realFetch = globalThis.fetch;
const requested = [];
const unanswered = [];

globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : (input.url ?? String(input));
  const headers = new Headers(init?.headers ?? input.headers ?? {});
  requested.push({ url, accept: headers.get('accept') });
  const key = url.split('#')[0];
  if (Object.hasOwn(local, key)) {
    return new Response(JSON.stringify(local[key]), { status: 200, headers: { 'content-type': 'application/json' } });
  }
  if (key.startsWith(base + '/')) {
    return realFetch(input, init);
  }
  unanswered.push(url);
  return new Response('not found', { status: 404, statusText: 'Not Found' });
};

const { verifyCredential } = await import('@digitalcredentials/verifier-core');
const { securityLoader } = await import('@digitalcredentials/security-document-loader');
const jsonld = (await import('@digitalcredentials/jsonld')).default;

const results = [];
for (const c of cases) {
  const result = await verifyCredential({ credential: c.credential, knownDIDRegistries: [] });
  const log = (result.log ?? []).map(step => ({ id: step.id, valid: step.valid, error: step.error?.message ?? step.error?.name }));
  const errors = (result.errors ?? []).map(e => ({ name: e.name, message: e.message }));
  results.push({ name: c.name, errors, log });
}

const loader = securityLoader({ fetchRemoteContexts: true });
for (const [url, document] of Object.entries(local)) {
  loader.addStatic(url, document);
}
const documentLoader = loader.build();
const expanded = {};
for (const url of expand) {
  const response = await realFetch(url, { headers: { accept: 'application/ld+json, application/json' } });
  const document = await response.json();
  const [node] = await jsonld.expand(document, { documentLoader, safe: true });
  expanded[url] = { contentType: response.headers.get('content-type'), type: node['@type'], properties: Object.keys(node) };
}
process.stdout.write(JSON.stringify({ results, expanded, requested, unanswered }) + '\n');
