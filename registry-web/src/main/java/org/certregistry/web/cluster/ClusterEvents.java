package org.certregistry.web.cluster;

import java.time.Duration;
import java.util.UUID;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.Notification;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries {@link SharedEvent}s between instances on PostgreSQL's {@code LISTEN/NOTIFY}, so modules
 * keep publishing and listening to plain Spring events. A shared event published here is sent to
 * the channel {@value #CHANNEL}; one dedicated connection per instance listens to it (re-opened
 * after a loss, with {@link NotificationsResumed} published then) and publishes what other
 * instances sent as the same Spring event. Delivery is at most once: caches fed this way also
 * expire on their own.
 */
@Component
public class ClusterEvents implements SmartLifecycle {

    static final String CHANNEL = "registry_events";

    private static final Logger log = LoggerFactory.getLogger(ClusterEvents.class);

    private static final Duration HEARTBEAT = Duration.ofSeconds(10);

    private final String instance = UUID.randomUUID().toString();
    private final PostgresqlConnectionFactory postgres;
    private final DatabaseClient db;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    /** Set while this relay publishes an event itself, so that it does not send it out again. */
    private final ThreadLocal<Boolean> publishingHere = new ThreadLocal<>();
    private volatile Disposable listening;

    ClusterEvents(ConnectionFactory connections, DatabaseClient db, ApplicationEventPublisher events, JsonMapper json) {
        this.postgres = postgres(connections);
        this.db = db;
        this.events = events;
        this.json = json;
    }

    /** This instance's name on the channel (random per start); also the owner of the leases it takes. */
    public String instance() {
        return instance;
    }

    /** Sends an event this instance published (after its commit) to the other instances. */
    @EventListener
    void relay(SharedEvent event) {
        if (publishingHere.get() != null) {
            return;
        }
        send(event).subscribe(ok -> {
        }, failure -> log.warn("Could not tell the other instances about {}: {}", event, failure.toString()));
    }

    /**
     * Publishes {@code event} once the caller's transaction commits, here and on every other
     * instance (PostgreSQL delivers a notification at commit, and never for a rollback); at once
     * when there is no transaction.
     */
    public Mono<Void> publishOnCommit(SharedEvent event) {
        return send(event).then(TransactionSynchronizationManager.forCurrentTransaction()
            .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                @Override
                public Mono<Void> afterCommit() {
                    return Mono.fromRunnable(() -> publishHere(event));
                }
            }))
            .onErrorResume(NoTransactionException.class, none -> Mono.fromRunnable(() -> publishHere(event)).then(Mono.empty()))
            .then());
    }

    private Mono<Void> send(SharedEvent event) {
        ObjectNode message = json.createObjectNode();
        message.put("from", instance);
        message.put("type", event.getClass().getName());
        message.set("event", json.valueToTree(event));
        return db.sql("SELECT pg_notify(:channel, :message)").bind("channel", CHANNEL).bind("message", message.toString())
            .then();
    }

    private void receive(Notification notification) {
        try {
            JsonNode message = json.readTree(notification.getParameter());
            if (instance.equals(message.path("from").asString(""))) {
                return;
            }
            Class<?> type = Class.forName(message.path("type").asString(""), false, getClass().getClassLoader());
            if (!SharedEvent.class.isAssignableFrom(type)) {
                log.warn("Ignored a notification of type {}: not a shared event", type.getName());
                return;
            }
            publishHere((SharedEvent) json.treeToValue(message.get("event"), type));
        }
        catch (ClassNotFoundException | RuntimeException ex) {
            // another version of the registry, or a listener's fault: never the end of listening
            log.warn("Could not handle a notification from another instance: {}", ex.toString());
        }
    }

    private void publishHere(Object event) {
        publishingHere.set(Boolean.TRUE);
        try {
            events.publishEvent(event);
        }
        finally {
            publishingHere.remove();
        }
    }

    private Flux<Notification> listenOnce() {
        return Flux.usingWhen(postgres.create(), connection -> connection.createStatement("LISTEN " + CHANNEL).execute()
            .flatMap(result -> result.getRowsUpdated())
            .thenMany(Flux.defer(() -> {
                log.debug("Listening to the other instances on {}", CHANNEL);
                publishHere(new NotificationsResumed());
                return Flux.merge(connection.getNotifications(), heartbeat(connection));
            })), PostgresqlConnection::close);
    }

    /** A query now and then on the listening connection, so that a silently dead connection is noticed. */
    private static Flux<Notification> heartbeat(PostgresqlConnection connection) {
        return Flux.interval(HEARTBEAT)
            // a slow answer skips a beat instead of ending the listening with an overflow
            .onBackpressureDrop()
            .concatMap(tick -> connection.createStatement("SELECT 1").execute()
                .flatMap(result -> result.map((row, metadata) -> row.get(0)))
                .then()
                .timeout(HEARTBEAT))
            .thenMany(Flux.empty());
    }

    @Override
    public void start() {
        if (postgres == null) {
            log.warn("The database is not reached through r2dbc-postgresql: this instance hears no other instance");
            return;
        }
        listening = listenOnce()
            .repeat()
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry(signal -> log.warn("Listening to the other instances stopped ({}); reconnecting",
                        signal.failure().toString())))
            .subscribe(this::receive);
    }

    @Override
    public void stop() {
        Disposable current = listening;
        if (current != null) {
            current.dispose();
        }
        listening = null;
    }

    @Override
    public boolean isRunning() {
        return listening != null && !listening.isDisposed();
    }

    private static PostgresqlConnectionFactory postgres(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        for (int depth = 0; depth < 5; depth++) {
            if (current instanceof PostgresqlConnectionFactory postgres) {
                return postgres;
            }
            if (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
                current = inner;
            }
            else {
                return null;
            }
        }
        return null;
    }
}
