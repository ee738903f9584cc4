package org.certregistry.web.system;

import java.util.UUID;

import org.certregistry.issuer.number.CertificateNumber;
import org.springframework.stereotype.Component;

/**
 * Every public URL the registry hands out, in one place: credentials, QR codes, links and pages
 * all take theirs from here, under {@code registry.base-url}.
 */
@Component
public class RegistryUrls {

    private final String base;

    public RegistryUrls(RegistryProperties registry) {
        this.base = registry.baseUrl();
    }

    /** The public base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    public String home() {
        return base + "/";
    }

    /** The verification page of a certificate, as its QR code holds it. */
    public String verificationPage(CertificateNumber number) {
        return verificationPage(number.value());
    }

    /** The verification page of a stored certificate's (canonical) number. */
    public String verificationPage(String canonicalNumber) {
        return base + "/v/" + canonicalNumber;
    }

    /** The holder's private page (the token is the secret). */
    public String holderPage(String holderToken) {
        return base + "/h/" + holderToken;
    }

    /** The profile of an awarding body: the credentials' {@code issuer.id}. */
    public String issuer(String awardingBodyId) {
        return base + "/issuers/" + awardingBodyId;
    }

    /** A program's achievement: the credentials' {@code achievement.id}. */
    public String achievement(String programCode) {
        return base + "/achievements/" + programCode.toLowerCase(java.util.Locale.ROOT);
    }

    /** The program's badge as a PNG: the picture of a certificate's preview card ({@code og:image}). */
    public String badge(String programCode) {
        return achievement(programCode) + "/badge.png";
    }

    /** A signed status list. */
    public String statusList(int list) {
        return base + "/status/" + list;
    }

    /** The suspension list beside signed status list {@code list}: same number, same indexes. */
    public String suspensionList(int list) {
        return statusList(list) + "/suspension";
    }

    /** A public key by its short name: what signed tokens carry as {@code kid}, answering the bare JWK. */
    public String key(String keyName) {
        return org.certregistry.issuer.keys.KeyIds.url(base, keyName);
    }

    /** List {@code list} as an IETF Token Status List (the {@code status.status_list.uri} of SD-JWT VCs). */
    public String tokenStatusList(int list) {
        return statusList(list) + "/token";
    }

    /** An issuer's Ed25519 verification method (a Multikey document) for the Data Integrity twin. */
    public String issuerKey(String awardingBodyId, String keyName) {
        return issuer(awardingBodyId) + "/keys/" + keyName;
    }

    /**
     * The credential's {@code refreshService} URL: the certificate's current signed credential
     * ({@code GET /api/v1/certificates/{number}/credential}).
     */
    public String currentCredential(String canonicalNumber) {
        return base + "/api/v1/certificates/" + canonicalNumber + "/credential";
    }

    /** A credential's id: stable across renewals of the same certificate. */
    public String credential(UUID certificateId) {
        return base + "/credentials/" + certificateId;
    }

    /** The holder's subject id (names no e-mail address). */
    public String holder(UUID holderId) {
        return base + "/holders/" + holderId;
    }

    /** The holder area (the dashboard); it asks for a sign-in first when nobody is signed in. */
    public String holderArea() {
        return base + "/holder";
    }

    /** Where a holder asks for a sign-in link by e-mail. */
    public String holderSignIn() {
        return base + "/holder/sign-in";
    }

    /** A single-use sign-in link (the token is the secret). */
    public String holderSignInLink(String token) {
        return base + "/holder/sign-in/" + token;
    }

    /** Confirms a holder's new e-mail address (the token is the secret). */
    public String holderAddressConfirmation(String token) {
        return base + "/holder/address/" + token;
    }

    /** Takes a confirmed change of address back, from the old address (the token is the secret). */
    public String holderAddressUndo(String token) {
        return base + "/holder/address/undo/" + token;
    }

    /** The OpenID4VCI credential issuer identifier: the base URL itself (its metadata is under {@code /.well-known/}). */
    public String credentialIssuer() {
        return base;
    }

    /** A wallet offer's {@code credential_offer_uri} (the handle is the secret). */
    public String walletOffer(String handle) {
        return base + "/api/v1/wallet/offers/" + handle;
    }

    /** The OAuth token endpoint of the pre-authorized code flow. */
    public String walletToken() {
        return base + "/api/v1/wallet/token";
    }

    /** The OpenID4VCI nonce endpoint. */
    public String walletNonce() {
        return base + "/api/v1/wallet/nonce";
    }

    /** The OpenID4VCI credential endpoint. */
    public String walletCredential() {
        return base + "/api/v1/wallet/credential";
    }

    public String jwks() {
        return base + "/.well-known/jwks.json";
    }
}
