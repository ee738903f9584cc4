package org.certregistry.web.status;

import org.certregistry.web.cluster.SharedEvent;

/** Status list {@code list} was signed again at {@code revision} of its bits, and stored; every instance reloads it. */
public record StatusListSigned(int list, long revision) implements SharedEvent {
}
