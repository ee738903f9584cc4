package org.certregistry.testidp;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * An organisation's identity provider for the console's single sign-on tests: Spring Authorization Server, an
 * independent OpenID Connect implementation, on Tomcat inside the test JVM, with three people. Ada is in the group
 * that makes registry admins, Otto in the auditors' group, Eve in neither. Their ID tokens carry {@code email} and
 * {@code groups}, as Okta's or Entra ID's do once configured.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
        DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        JacksonAutoConfiguration.class, SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
        SecurityFilterAutoConfiguration.class, OAuth2AuthorizationServerAutoConfiguration.class,
        OAuth2AuthorizationServerJwtAutoConfiguration.class })
public class IdentityProvider {

    public static final String CLIENT_ID = "registry";
    public static final String CLIENT_SECRET = "registry-client-secret";
    public static final String PASSWORD = "correct horse battery staple";

    private static final Map<String, List<String>> GROUPS = Map.of(
            "ada", List.of("everyone", "registry-admins"),
            "otto", List.of("everyone", "registry-auditors"),
            "eve", List.of("everyone"));

    /** Starts the provider on {@code port}, trusting {@code redirectUri} for the registry's client. */
    public static ConfigurableApplicationContext start(int port, String redirectUri) {
        String client = "spring.security.oauth2.authorizationserver.client.registry.";
        return new SpringApplicationBuilder(IdentityProvider.class)
            .web(WebApplicationType.SERVLET)
            .properties(
                    // none of the registry's own configuration files
                    "spring.config.name=test-identity-provider",
                    "server.port=" + port,
                    "spring.security.oauth2.authorizationserver.issuer=" + issuer(port),
                    client + "registration.client-id=" + CLIENT_ID,
                    client + "registration.client-secret={noop}" + CLIENT_SECRET,
                    client + "registration.client-authentication-methods=client_secret_basic",
                    client + "registration.authorization-grant-types=authorization_code",
                    client + "registration.redirect-uris=" + redirectUri,
                    client + "registration.scopes=openid,profile,email",
                    client + "require-authorization-consent=false",
                    client + "require-proof-key=true")
            .run();
    }

    public static String issuer(int port) {
        return "http://localhost:" + port;
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(GROUPS.keySet().stream()
            .map(name -> User.withUsername(name).password("{noop}" + PASSWORD).roles("USER").build()).toList());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> groupsAndEmail() {
        return context -> {
            if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                String name = context.getPrincipal().getName();
                context.getClaims().claim("email", name + "@example.org").claim("groups", GROUPS.getOrDefault(name, List.of()));
            }
        };
    }
}
