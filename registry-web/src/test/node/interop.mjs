// Verifies a credential and reads its revocation bit with independent implementations only.
// usage: node interop.mjs <registry base URL> <credential JWT>
// prints one JSON line: {"credential": {...verified claims}, "alg", "kid", "listIssuer", "revoked": true|false}
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';

const [base, credential] = process.argv.slice(2);
const jwks = createRemoteJWKSet(new URL(base + '/.well-known/jwks.json'));
const options = { algorithms: ['ES256', 'RS256'], typ: 'JWT' };

const { payload, protectedHeader } = await jwtVerify(credential, jwks, { ...options, issuer: undefined });
if (payload.iss !== payload.issuer.id) throw new Error('iss does not mirror issuer.id');

const entry = payload.credentialStatus;
const response = await fetch(entry.statusListCredential);
if (!response.ok) throw new Error('status list answered ' + response.status);
const listJwt = (await response.text()).trim();
const list = await jwtVerify(listJwt, jwks, { ...options, issuer: payload.iss });
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
  listLength: bits.length,
  revoked
}));
