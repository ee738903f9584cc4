package org.certregistry.web.support;

import java.util.HashMap;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

/** A holder without a browser: cookies kept by hand, forms posted with the page's CSRF token. */
public final class HolderVisitor {

    private final WebTestClient http;
    public final Map<String, String> cookies = new HashMap<>();

    public HolderVisitor(WebTestClient http) {
        this.http = http;
    }

    /** Signs in as {@code address} with the link e-mailed to it (read back from the SMTP server). */
    public static HolderVisitor signedIn(WebTestClient http, Mailbox mailbox, String baseUrl, String address) {
        int before = mailbox.to(address).size();
        HolderVisitor visitor = new HolderVisitor(http);
        visitor.post("/holder/sign-in", "/holder/sign-in", Map.of("email", address));
        String link = mailbox.await(address, s -> s.equals("Your sign-in link") && mailbox.to(address).size() > before)
            .link(baseUrl + "/holder/sign-in/").substring(baseUrl.length());
        visitor.post(link, link, Map.of());
        return visitor;
    }

    public EntityExchangeResult<String> get(String path) {
        EntityExchangeResult<String> page = http.get().uri(path).cookies(c -> cookies.forEach(c::add)).exchange()
            .expectBody(String.class).returnResult();
        keep(page.getResponseCookies());
        return page;
    }

    public String csrf(String formPage) {
        return ConsoleSession.csrfToken(get(formPage).getResponseBody());
    }

    public EntityExchangeResult<String> post(String path, String formPage, Map<String, String> fields) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("_csrf", csrf(formPage));
        fields.forEach(form::add);
        EntityExchangeResult<String> answer = http.post().uri(path).cookies(c -> cookies.forEach(c::add))
            .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData(form))
            .exchange().expectBody(String.class).returnResult();
        keep(answer.getResponseCookies());
        return answer;
    }

    public EntityExchangeResult<String> postMultipart(String path, MultiValueMap<String, ?> parts) {
        EntityExchangeResult<String> answer = http.post().uri(path).cookies(c -> cookies.forEach(c::add))
            .contentType(MediaType.MULTIPART_FORM_DATA).body(BodyInserters.fromMultipartData(parts))
            .exchange().expectBody(String.class).returnResult();
        keep(answer.getResponseCookies());
        return answer;
    }

    private void keep(MultiValueMap<String, ResponseCookie> set) {
        set.forEach((name, values) -> values.forEach(v -> {
            if (v.getMaxAge().isZero()) {
                cookies.remove(name);
            }
            else {
                cookies.put(name, v.getValue());
            }
        }));
    }
}
