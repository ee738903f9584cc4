package org.certregistry.web.status;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.AdminApi;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each status list answers the VC-JWT or the Data Integrity credential by {@code Accept}, and a
 * suspension list of the same number and indexes stands beside it. The holder downloads the twin,
 * whose two entries point at them; the JWT keeps its one revocation entry.
 */
class StatusListFormsTest extends RegistryIntegrationTest {

    @Autowired
    WebTestClient http;

    private String get(String url, String accept, String expectedType) {
        WebTestClient.RequestHeadersSpec<?> request = http.get().uri(url);
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        return request.exchange().expectStatus().isOk().expectHeader().contentType(expectedType)
            .expectBody(String.class).returnResult().getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHoldersTwinPointsAtBothListsAndEachListAnswersBothForms() throws Exception {
        TestCertificates.Issued issued = TestCertificates.issue(http, "CXSP", "Twin Holder");
        String twin = get(issued.holderUrl() + "/credential.json", null, "application/ld+json");
        Map<String, Object> credential = JSONObjectUtils.parse(twin);
        Map<String, Object> jwtClaims = SignedJWT.parse(issued.credential()).getJWTClaimsSet().toJSONObject();
        assertThat(credential.get("id")).isEqualTo(jwtClaims.get("id"));
        assertThat((Map<String, Object>) credential.get("proof")).containsEntry("cryptosuite", "eddsa-rdfc-2022");
        assertThat(jwtClaims.get("credentialStatus")).as("the JWT keeps one revocation entry").isInstanceOf(Map.class);
        List<?> entries = (List<?>) credential.get("credentialStatus");
        assertThat(entries).hasSize(2);
        Map<String, Object> revocation = (Map<String, Object>) entries.get(0);
        Map<String, Object> suspension = (Map<String, Object>) entries.get(1);
        String list = (String) revocation.get("statusListCredential");
        assertThat(revocation.get("statusPurpose")).isEqualTo("revocation");
        assertThat(suspension).containsEntry("statusPurpose", "suspension").containsEntry("statusListCredential", list + "/suspension")
            .containsEntry("statusListIndex", revocation.get("statusListIndex"));

        for (String accept : new String[] {null, "application/jwt", "application/vc+jwt", "text/plain", "*/*"}) {
            SignedJWT jwt = SignedJWT.parse(get(list, accept, "application/jwt"));
            assertThat(JSONObjectUtils.getJSONObject(jwt.getJWTClaimsSet().toJSONObject(), "credentialSubject"))
                .containsEntry("statusPurpose", "revocation");
        }
        SignedJWT suspensionJwt = SignedJWT.parse(get(list + "/suspension", "application/jwt", "application/jwt"));
        assertThat(suspensionJwt.getJWTClaimsSet().getJWTID()).isEqualTo(list + "/suspension");
        for (String accept : new String[] {"application/ld+json", "application/json", "application/ld+json, application/json"}) {
            Map<String, Object> di = JSONObjectUtils.parse(get(list, accept, "application/ld+json"));
            assertThat(di.get("type")).asList().contains("BitstringStatusListCredential");
            assertThat(JSONObjectUtils.getJSONObject(di, "credentialSubject")).containsEntry("statusPurpose", "revocation");
            assertThat(JSONObjectUtils.getJSONObject(di, "proof")).containsEntry("cryptosuite", "eddsa-rdfc-2022");
        }
        Map<String, Object> suspensionList = JSONObjectUtils.parse(get(list + "/suspension", "application/ld+json", "application/ld+json"));
        assertThat(suspensionList).containsEntry("id", list + "/suspension");
        assertThat(JSONObjectUtils.getJSONObject(suspensionList, "credentialSubject")).containsEntry("statusPurpose", "suspension");

        // suspending sets the bit in the suspension list only; reinstating clears it
        int index = Integer.parseInt((String) suspension.get("statusListIndex"));
        AdminApi admin = new AdminApi(http);
        admin.act(issued.number(), "suspend", "Audit", null).expectStatus().isOk();
        assertThat(bit(list + "/suspension", index)).isTrue();
        assertThat(bit(list, index)).isFalse();
        admin.act(issued.number(), "reinstate", null, null).expectStatus().isOk();
        assertThat(bit(list + "/suspension", index)).isFalse();

        http.get().uri("/status/9999/suspension").exchange().expectStatus().isNotFound();
    }

    private boolean bit(String url, int index) throws Exception {
        SignedJWT jwt = SignedJWT.parse(get(url, "application/jwt", "application/jwt"));
        String encoded = (String) JSONObjectUtils.getJSONObject(jwt.getJWTClaimsSet().toJSONObject(), "credentialSubject")
            .get("encodedList");
        byte[] bits = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(
                java.util.Base64.getUrlDecoder().decode(encoded.substring(1)))).readAllBytes();
        return (bits[index / 8] & (0x80 >>> (index % 8))) != 0;
    }
}
