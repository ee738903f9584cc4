package org.certregistry.web.architecture.reach.beta.internal;

/** Public for Java, internal for the module model: a sub-package of {@code beta}. */
public class Hidden {
}
