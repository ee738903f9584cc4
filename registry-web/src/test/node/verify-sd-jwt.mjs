// Verifies an SD-JWT VC the registry issued, with npm @sd-jwt/sd-jwt-vc (the OpenWallet Foundation's sd-jwt-js):
// the issuer's signature against the registry's JWKS (npm jose), every disclosure's digest, the validity window,
// and the status in the IETF Token Status List the credential names (fetched from the registry, its signature checked
// the same way; @sd-jwt/jwt-status-list decodes it). Driven by WalletIssuanceTest.
//
//   node verify-sd-jwt.mjs <registry base URL> <sd-jwt>
//
// Prints one JSON line: {valid, error, header, claims (the disclosed payload), status (the list's value for the entry)}.
import { createHash } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { compactVerify, createLocalJWKSet } from 'jose';

const [base, credential] = process.argv.slice(2);
const jwks = createLocalJWKSet(await (await fetch(`${base}/.well-known/jwks.json`)).json());
const verifier = async (data, sig) => {
  try {
    await compactVerify(`${data}.${sig}`, jwks);
    return true;
  } catch {
    return false;
  }
};
const hasher = (data, alg) => {
  if (alg !== 'sha-256') throw new Error(`unexpected hash ${alg}`);
  return new Uint8Array(createHash('sha256').update(typeof data === 'string' ? data : Buffer.from(data)).digest());
};

const sdjwt = new SDJwtVcInstance({ verifier, hasher, hashAlg: 'sha-256' });
const claims = (await sdjwt.getClaims(credential));
const uri = claims.status.status_list.uri;
const list = getListFromStatusListJWT(await (await fetch(uri, { headers: { Accept: 'application/statuslist+jwt' } })).text());
const status = list.getStatus(claims.status.status_list.idx);
try {
  const verified = await sdjwt.verify(credential);
  console.log(JSON.stringify({ valid: true, header: verified.header, claims, status }));
} catch (e) {
  console.log(JSON.stringify({ valid: false, error: String(e.message ?? e), claims, status }));
}
