package org.certregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The prod profile refuses to start with a documented development password; development accepts it. */
class ProductionAccountsTest {

    SecurityConfiguration security = new SecurityConfiguration();

    PasswordEncoder encoder = security.passwordEncoder();

    SecurityProperties accounts(String password) {
        return new SecurityProperties(List.of(new SecurityProperties.User("admin", encoder.encode(password), List.of("ADMIN"))),
                null);
    }

    MockEnvironment profile(String... profiles) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profiles);
        return environment;
    }

    @Test
    void theProdProfileRefusesTheDevelopmentAdminPassword() {
        assertThatThrownBy(() -> security.users(accounts("registry-dev-admin"), encoder, profile("prod")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("refuses account admin with the documented development password");
    }

    @Test
    void theProdProfileRefusesTheDevelopmentAuditorPasswordToo() {
        assertThatThrownBy(() -> security.users(accounts("registry-dev-auditor"), encoder, profile("prod")))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theProdProfileAcceptsARealPasswordAndDevelopmentAcceptsTheDevelopmentOne() {
        assertThat(security.users(accounts("a long and private passphrase"), encoder, profile("prod"))
            .findByUsername("admin").block()).isNotNull();
        assertThat(security.users(accounts("registry-dev-admin"), encoder, profile()).findByUsername("admin").block())
            .isNotNull();
    }

    @Test
    void anAccountWithoutAHashIsRefused() {
        SecurityProperties plain = new SecurityProperties(List.of(new SecurityProperties.User("admin", "secret", List.of("ADMIN"))),
                null);
        assertThatThrownBy(() -> security.users(plain, encoder, profile())).hasMessageContaining("needs a password-hash");
    }
}
