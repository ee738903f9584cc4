package org.certregistry.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.system.BlockingWork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Every password attempt costs one bcrypt check of the same cost, off the event loop, known user or not. */
class PasswordLoginsTest extends RegistryIntegrationTest {

    /** A real encoder that remembers which hashes it checked, and on which thread. */
    static final class RecordingEncoder implements PasswordEncoder {

        final PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        final List<String> checkedHashes = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public String encode(CharSequence raw) {
            return real.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checkedHashes.add(encoded);
            threads.add(Thread.currentThread().getName());
            return real.matches(raw, encoded);
        }
    }

    @Autowired
    LoginThrottle throttle;

    @Autowired
    BlockingWork blocking;

    final RecordingEncoder encoder = new RecordingEncoder();
    final String hash = "{bcrypt}" + new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder(11).encode("right");
    final String name = "known-" + System.nanoTime();
    PasswordLogins logins;

    @BeforeEach
    void logins() {
        logins = new PasswordLogins(
                new MapReactiveUserDetailsService(User.withUsername(name).password(hash).roles("AUDITOR").build()), encoder,
                throttle, blocking, new SecurityProperties(List.of(new SecurityProperties.User(name, hash, List.of("AUDITOR"))), null));
    }

    private Authentication attempt(String user, String password) {
        return logins.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(user, password))
            .block(Duration.ofSeconds(30));
    }

    @Test
    void anUnknownUserIsCheckedAgainstADummyHashOfTheSameCost() {
        assertThatThrownBy(() -> attempt("unknown-" + System.nanoTime(), "right")).isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.checkedHashes).hasSize(1);
        assertThat(encoder.checkedHashes.get(0)).startsWith("{bcrypt}$2a$11$").isNotEqualTo(hash);
        assertThatThrownBy(() -> attempt(name, "wrong")).isInstanceOf(BadCredentialsException.class);
        assertThat(encoder.checkedHashes).hasSize(2).element(1).isEqualTo(hash);
    }

    @Test
    void theRightPasswordSignsInAndBcryptRunsOnTheBoundedScheduler() {
        Authentication ok = attempt(name, "right");
        assertThat(ok.isAuthenticated()).isTrue();
        assertThat(ok.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AUDITOR");
        assertThat(encoder.threads).hasSize(1).allMatch(thread -> thread.startsWith("blocking-work"));
    }
}
