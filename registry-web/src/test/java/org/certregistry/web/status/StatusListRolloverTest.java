package org.certregistry.web.status;

import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.certregistry.web.support.TestCertificates;
import org.certregistry.web.support.OwnPort;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** A list that reaches its fill limit is left alone: new credentials go to a new list of the same awarding body. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class StatusListRolloverTest {

    static final int PORT = OwnPort.free();

    @DynamicPropertySource
    static void tinyFillLimit(DynamicPropertyRegistry registry) {
        OwnPort.register(registry, PORT);
        // one entry of 131,072 makes a list "full"
        registry.add("registry.status.fill-limit", () -> "0.000008");
    }

    @Autowired
    WebTestClient http;

    @SuppressWarnings("unchecked")
    static String listOf(String credential) throws Exception {
        return (String) ((Map<String, Object>) SignedJWT.parse(credential).getJWTClaimsSet().getClaim("credentialStatus"))
            .get("statusListCredential");
    }

    @Test
    void aFullListIsFollowedByANewOneOfTheSameIssuer() throws Exception {
        String first = listOf(TestCertificates.issue(http, "CCXP", "First In List").credential());
        String second = listOf(TestCertificates.issue(http, "CCXP", "Second In List").credential());
        assertThat(second).isNotEqualTo(first);
        for (String list : new String[] {first, second}) {
            String jwt = http.get().uri(list).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
            assertThat(SignedJWT.parse(jwt).getJWTClaimsSet().getIssuer()).endsWith("/issuers/cxpa");
        }
    }
}
