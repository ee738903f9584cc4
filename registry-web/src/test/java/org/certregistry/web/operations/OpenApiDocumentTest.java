package org.certregistry.web.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.certregistry.web.http.SecurityHeaders;
import org.certregistry.web.support.Browser;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The OpenAPI document at {@code /v3/api-docs} is generated from the code and lists every route
 * the application has, public and admin, API and pages: the routes are collected from Spring's
 * handler mappings, so a new route missing from the document fails here. Swagger UI renders under
 * a policy of its own (inline styles allowed, no inline script).
 */
class OpenApiDocumentTest extends RegistryIntegrationTest {

    /** springdoc's own endpoints, which describe the document rather than belong in it. */
    private static final Set<String> SPRINGDOC = Set.of("/v3/api-docs", "/swagger-ui");

    @Autowired
    WebTestClient http;

    @Autowired
    ApplicationContext context;

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentListsEveryRouteTheApplicationHas() {
        Map<String, Object> document = http.get().uri("/v3/api-docs").accept(MediaType.APPLICATION_JSON).exchange()
            .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(document.get("openapi").toString()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) -> operations.keySet()
            .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        Set<String> routes = routes();
        assertThat(routes).as("the application's routes").isNotEmpty()
            .contains("POST /api/v1/verifications", "GET /status/{list}", "POST /api/v1/admin/certificates", "GET /verify");
        assertThat(documented).as("routes missing from /v3/api-docs").containsAll(routes);
        assertThat(routes).as("documented operations the application does not have").containsAll(documented);
    }

    @Test
    void swaggerUiHasItsOwnPolicyThatAllowsInlineStylesButNoInlineScript() {
        String location = http.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection()
            .returnResult(String.class).getResponseHeaders().getLocation().toString();
        EntityExchangeResult<String> page = http.get().uri(location).exchange().expectStatus().isOk().expectBody(String.class)
            .returnResult();
        assertThat(page.getResponseBody()).contains("swagger-initializer.js").doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy"))
            .contains("style-src 'self' 'unsafe-inline';", "script-src 'self';", "frame-ancestors 'none'", "object-src 'none'")
            .doesNotContain("unsafe-eval");
        // every other page keeps the strict policy
        http.get().uri("/v3/api-docs").exchange().expectHeader()
            .valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);
    }

    @Test
    void swaggerUiRendersTheDocumentInABrowserWithoutBreakingThePolicy() {
        ChromeDriver browser = Browser.open(1280, 1000);
        try {
            browser.get(BASE_URL + "/swagger-ui.html");
            new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(driver -> !driver.findElements(By.cssSelector(".opblock-summary-path")).isEmpty());
            Browser.screenshot(browser, "swagger-ui");
            assertThat(browser.findElements(By.cssSelector(".opblock-summary-path")).stream().map(e -> e.getAttribute("data-path")))
                .contains("/api/v1/verifications", "/status/{list}");
            // a Content-Security-Policy violation shows in the browser's console as an error
            assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        }
        finally {
            browser.quit();
        }
    }

    /** Every method and path of the annotated controllers and of any router function, springdoc's own left out. */
    private Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        RequestMappingHandlerMapping annotated = context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        annotated.getHandlerMethods().forEach((info, handler) -> add(routes, info));
        context.getBeansOfType(RouterFunctionMapping.class).values().stream()
            .map(RouterFunctionMapping::getRouterFunction).filter(java.util.Objects::nonNull)
            .forEach(router -> router.accept(new Routes(routes)));
        routes.removeIf(route -> SPRINGDOC.stream().anyMatch(own -> route.substring(route.indexOf(' ') + 1).startsWith(own)));
        return routes;
    }

    private static void add(Set<String> routes, RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            String path = withoutRegex(pattern.getPatternString());
            if (methods.isEmpty()) {
                routes.add("GET " + path);
            }
            methods.forEach(method -> routes.add(method.name() + " " + path));
        }
    }

    /** {@code {list:\d+}} is {@code {list}} in OpenAPI. */
    private static String withoutRegex(String path) {
        return path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }

    /** Collects the method and path of each functional route. */
    private record Routes(Set<String> routes) implements RouterFunctions.Visitor {

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            Set<String> methods = new TreeSet<>();
            Set<String> paths = new TreeSet<>();
            predicate.accept(new RequestPredicates.Visitor() {
                @Override
                public void method(Set<HttpMethod> set) {
                    set.forEach(m -> methods.add(m.name()));
                }

                @Override
                public void path(String pattern) {
                    paths.add(withoutRegex(pattern));
                }

                @Override
                public void pathExtension(String extension) {
                }

                @Override
                public void header(String name, String value) {
                }

                @Override
                public void queryParam(String name, String value) {
                }

                @Override
                public void version(String version) {
                }

                @Override
                public void startAnd() {
                }

                @Override
                public void and() {
                }

                @Override
                public void endAnd() {
                }

                @Override
                public void startOr() {
                }

                @Override
                public void or() {
                }

                @Override
                public void endOr() {
                }

                @Override
                public void startNegate() {
                }

                @Override
                public void endNegate() {
                }

                @Override
                public void unknown(RequestPredicate predicate) {
                }
            });
            paths.forEach(path -> (methods.isEmpty() ? Set.of("GET") : methods).forEach(method -> routes.add(method + " " + path)));
        }

        @Override
        public void resources(Function<ServerRequest, reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
        }
    }
}
