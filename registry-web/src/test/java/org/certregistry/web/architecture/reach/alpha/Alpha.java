package org.certregistry.web.architecture.reach.alpha;

import org.certregistry.web.architecture.reach.beta.internal.Hidden;

/** Reaches into {@code beta}'s internals: the module check must refuse it. */
public class Alpha {

    Hidden hidden = new Hidden();
}
