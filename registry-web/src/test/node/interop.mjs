// Verifies a credential and reads its revocation bit with independent implementations only.
// usage: node interop.mjs <registry base URL> <credential JWT>
// prints one JSON line: {"alg", "kid", "number", "listIssuer", "listKid", "listLength", "revoked": true|false}
// Each token is verified twice: against the JWKS (matched by kid), and with the JWK its kid URL answers.
import { createRemoteJWKSet, importJWK, jwtVerify } from 'jose';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';

const [base, credential] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(base + '/.well-known/jwks.json'));
const options = { algorithms: ['ES256', 'RS256'], typ: 'JWT' };

// OB 3.0: the kid is a URL that dereferences to a JWK
async function verifiedByKidUrl(token, header, expectations) {
  const response = await fetch(header.kid, { headers: { accept: 'application/jwk+json' } });
  if (!response.ok || !response.headers.get('content-type').startsWith('application/jwk+json')) {
    throw new Error('kid ' + header.kid + ' answered ' + response.status + ' ' + response.headers.get('content-type'));
  }
  return jwtVerify(token, await importJWK(await response.json(), header.alg), expectations);
}

const { payload, protectedHeader } = await jwtVerify(credential, jwks, { ...options, issuer: undefined });
await verifiedByKidUrl(credential, protectedHeader, options);
if (payload.iss !== payload.issuer.id) throw new Error('iss does not mirror issuer.id');

const entry = payload.credentialStatus;
const response = await fetch(entry.statusListCredential);
if (!response.ok) throw new Error('status list answered ' + response.status);
const listJwt = (await response.text()).trim();
const list = await jwtVerify(listJwt, jwks, { ...options, issuer: payload.iss });
await verifiedByKidUrl(listJwt, list.protectedHeader, { ...options, issuer: payload.iss });
const subject = list.payload.credentialSubject;
if (!list.payload.type.includes('BitstringStatusListCredential') || subject.statusPurpose !== 'revocation') {
  throw new Error('not a revocation BitstringStatusListCredential');
}
const bits = await decodeList({ encodedList: subject.encodedList });
const revoked = bits.getStatus(Number(entry.statusListIndex));

console.log(JSON.stringify({
  alg: protectedHeader.alg,
  kid: protectedHeader.kid,
  number: payload.credentialSubject.licenseNumber,
  listIssuer: list.payload.iss,
  listKid: list.protectedHeader.kid,
  listLength: bits.length,
  revoked
}));
