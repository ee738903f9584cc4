package org.certregistry.web.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.certregistry.web.certificate.CertificateChanged;
import org.certregistry.web.support.RegistryIntegrationTest;
import org.certregistry.web.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * What another instance sends on the channel is published here as the same Spring event; a
 * notification of any other type is ignored; a lost listening connection is re-opened, and the
 * caches are told to start afresh.
 */
class ClusterEventsTest extends RegistryIntegrationTest {

    private static final Duration GUARD = Duration.ofSeconds(30);

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void eventsFromAnotherInstanceArePublishedHereAndListeningSurvivesALostConnection() throws Exception {
        List<Object> heard = new CopyOnWriteArrayList<>();
        context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) event -> heard.add(event.getPayload()));

        sendAsAnotherInstance(CertificateChanged.class.getName(), "{\"number\":\"FROM-ELSEWHERE-1\"}");
        await().atMost(GUARD).until(() -> heard.contains(new CertificateChanged("FROM-ELSEWHERE-1")));

        // a type that is not a shared event is never made
        sendAsAnotherInstance(ProcessBuilder.class.getName(), "{\"command\":[\"touch\",\"/tmp/pwned\"]}");
        sendAsAnotherInstance(CertificateChanged.class.getName(), "{\"number\":\"FROM-ELSEWHERE-2\"}");
        await().atMost(GUARD).until(() -> heard.contains(new CertificateChanged("FROM-ELSEWHERE-2")));
        assertThat(heard).noneMatch(ProcessBuilder.class::isInstance);

        int killed = terminateListeners();
        assertThat(killed).isPositive();
        await().atMost(GUARD).until(() -> heard.stream().anyMatch(NotificationsResumed.class::isInstance));
        // listening again: what is sent now arrives
        await().atMost(GUARD).pollInterval(Duration.ofMillis(200)).until(() -> {
            sendAsAnotherInstance(CertificateChanged.class.getName(), "{\"number\":\"AFTER-RECONNECT\"}");
            return heard.contains(new CertificateChanged("AFTER-RECONNECT"));
        });
    }

    private static void sendAsAnotherInstance(String type, String event) throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement notify = sql.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, ClusterEvents.CHANNEL);
            notify.setString(2, "{\"from\":\"another-instance\",\"type\":\"" + type + "\",\"event\":" + event + "}");
            notify.execute();
        }
    }

    /** Ends the listening connections of every instance on the test database, as a network fault would. */
    private static int terminateListeners() throws SQLException {
        TestDatabase db = TestDatabase.shared();
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                PreparedStatement kill = sql.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND (query LIKE 'LISTEN %' OR query = 'SELECT 1')");
                ResultSet rs = kill.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
