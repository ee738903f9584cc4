package org.certregistry.web.architecture.reach.beta;

/** A module's API: what others may use. */
public class Beta {
}
