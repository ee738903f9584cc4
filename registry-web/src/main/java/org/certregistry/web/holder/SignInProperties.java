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
 * @param changesFrom address-change links one holder address (all its sessions together) may ask for per
 *        {@code changeWindow}; more are refused with a message (429). Counted in PostgreSQL, for every instance
 * @param changesTo address-change links one new address may be sent per {@code changeWindow}, whoever asks
 * @param changeWindow the period those two counts cover
 * @param undoLinkLifetime how long the old address may take a confirmed change back (once)
 */
@ConfigurationProperties("holder.sign-in")
public record SignInProperties(@DefaultValue("15m") Duration linkLifetime, @DefaultValue("24h") Duration addressLinkLifetime,
        @DefaultValue("8h") Duration sessionLifetime, @DefaultValue("3") int perAddress, @DefaultValue("20") int perClient,
        @DefaultValue("15m") Duration window, @DefaultValue("3") int changesFrom, @DefaultValue("3") int changesTo,
        @DefaultValue("1h") Duration changeWindow, @DefaultValue("7d") Duration undoLinkLifetime) {
}
