// An independent wallet: @openid4vc/openid4vci (Animo's oid4vc-ts, OpenID4VCI 1.0) takes a credential offer from the
// registry over HTTP, as a holder's wallet would. Driven by WalletIssuanceTest.
//
//   node wallet.mjs <openid-credential-offer://...> <tx_code>
//
// Resolves the offer by reference, reads the issuer metadata (and the authorization server's), redeems the
// pre-authorized code with the tx_code, then for each offered credential configuration gets a c_nonce, signs a
// key proof with a fresh P-256 key (npm jose) and requests the credential (jwt_vc_json, ldp_vc, dc+sd-jwt).
// Prints one JSON line last: the wallet's
// public key, the access token (so the Java test can try refusals with it) and each credential received.
import { createHash, randomBytes } from 'node:crypto';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { clientAuthenticationAnonymous, setGlobalConfig } from '@openid4vc/oauth2';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';

const [offerLink, txCode] = process.argv.slice(2);
if (!offerLink || !txCode) {
  console.error('usage: node wallet.mjs <credential offer link> <tx_code>');
  process.exit(2);
}
// the test server speaks plain HTTP on localhost; the library otherwise insists on https
setGlobalConfig({ allowInsecureUrls: true });

const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
const publicJwk = await exportJWK(publicKey);

const callbacks = {
  fetch: (...args) => fetch(...args),
  hash: (data, alg) => new Uint8Array(createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
  generateRandom: (length) => new Uint8Array(randomBytes(length)),
  signJwt: async (signer, { header, payload }) => {
    if (signer.method !== 'jwk') throw new Error(`this wallet signs with its jwk only, not ${signer.method}`);
    const jwt = await new SignJWT(payload).setProtectedHeader(header).sign(privateKey);
    return { jwt, signerJwk: signer.publicJwk };
  },
  decryptJwe: () => { throw new Error('no encryption'); },
  // the registry takes the pre-authorized code without a client id (pre-authorized_grant_anonymous_access_supported)
  clientAuthentication: clientAuthenticationAnonymous(),
};

const client = new Openid4vciClient({ callbacks });
const credentialOffer = await client.resolveCredentialOffer(offerLink);
const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
  credentialOffer, issuerMetadata, txCode,
});

const credentials = {};
for (const credentialConfigurationId of credentialOffer.credential_configuration_ids) {
  const { c_nonce } = await client.requestNonce({ issuerMetadata });
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata, credentialConfigurationId, nonce: c_nonce,
    signer: { method: 'jwk', alg: 'ES256', publicJwk },
  });
  const response = await client.retrieveCredentials({
    issuerMetadata, credentialConfigurationId, accessToken: accessTokenResponse.access_token, proofs: { jwt: [jwt] },
  });
  const format = issuerMetadata.credentialIssuer.credential_configurations_supported[credentialConfigurationId].format;
  credentials[format] = response.credentialResponse.credentials[0].credential;
}

console.log(JSON.stringify({
  credentialIssuer: issuerMetadata.credentialIssuer.credential_issuer,
  tokenEndpoint: issuerMetadata.authorizationServers[0].token_endpoint,
  txCodeInputMode: credentialOffer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'].tx_code.input_mode,
  accessToken: accessTokenResponse.access_token,
  tokenType: accessTokenResponse.token_type,
  publicJwk,
  credentials,
}));
