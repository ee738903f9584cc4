package org.certregistry.web.cluster;

/**
 * Published on this instance each time it (re)starts listening to the other instances: events
 * sent while it was not listening are lost, so caches fed by shared events start afresh.
 */
public record NotificationsResumed() {
}
