package org.certregistry.web.holder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The holder area's sign-in by e-mail ({@code holder.sign-in.*}).
 *
 * @param linkLifetime how long a sign-in link works (once)
 * @param addressLinkLifetime how long a link confirming a new address works (once)
 * @param sessionLifetime how long a holder stays signed in
 * @param perAddress links sent to one address per {@code window}; more requests are answered alike and send nothing
 * @param perClient requests one client address may make per {@code window}; more are refused (429)
 * @param window the period those counts cover
 */
@ConfigurationProperties("holder.sign-in")
public record SignInProperties(@DefaultValue("15m") Duration linkLifetime, @DefaultValue("24h") Duration addressLinkLifetime,
        @DefaultValue("8h") Duration sessionLifetime, @DefaultValue("3") int perAddress, @DefaultValue("20") int perClient,
        @DefaultValue("15m") Duration window) {
}
