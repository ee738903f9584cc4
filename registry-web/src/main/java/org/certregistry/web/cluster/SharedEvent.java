package org.certregistry.web.cluster;

/**
 * An application event that every instance must see: {@link ClusterEvents} carries it to the
 * others on PostgreSQL's notifications, where it is published again as the same Spring event.
 * Implementations are small records (sent as JSON, well under PostgreSQL's 8,000-byte limit).
 */
public interface SharedEvent {
}
