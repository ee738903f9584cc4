package org.certregistry.web.architecture.reach.gamma;

import org.certregistry.web.architecture.reach.beta.Beta;

/** Uses {@code beta}'s API, which its package-info does not allow: the module check must refuse it. */
public class Gamma {

    Beta beta = new Beta();
}
