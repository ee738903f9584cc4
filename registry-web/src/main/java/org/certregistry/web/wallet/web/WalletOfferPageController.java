package org.certregistry.web.wallet.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.certregistry.issuer.pdf.QrCode;
import org.certregistry.web.certificate.PublicRecords;
import org.certregistry.web.holder.HolderCertificates;
import org.certregistry.web.http.RateLimited;
import org.certregistry.web.system.BlockingWork;
import org.certregistry.web.system.RegistryUrls;
import org.certregistry.web.wallet.CredentialOffers;
import org.certregistry.web.wallet.WalletProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The holder's page for adding the certificate to a wallet, under the private link: {@code GET /h/{token}/wallet}
 * explains and offers a button; {@code POST} makes an offer and mails its transaction code, then shows (after a
 * redirect, so a reload makes no second offer) the QR code and {@code openid-credential-offer://} link of the offer
 * while it is live.
 */
@Controller
class WalletOfferPageController {

    private final HolderCertificates holders;
    private final CredentialOffers offers;
    private final PublicRecords records;
    private final RegistryUrls urls;
    private final BlockingWork blocking;
    private final WalletProperties properties;

    WalletOfferPageController(HolderCertificates holders, CredentialOffers offers, PublicRecords records, RegistryUrls urls,
            BlockingWork blocking, WalletProperties properties) {
        this.holders = holders;
        this.offers = offers;
        this.records = records;
        this.urls = urls;
        this.blocking = blocking;
        this.properties = properties;
    }

    @GetMapping("/h/{token}/wallet")
    Mono<String> page(@PathVariable String token, @RequestParam(required = false) String offer, Model model,
            ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore().cachePrivate());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        return holders.byToken(token).flatMap(certificate -> {
            model.addAttribute("record", records.of(certificate));
            model.addAttribute("token", token);
            model.addAttribute("offerable", offers.offerable(certificate));
            model.addAttribute("minutes", properties.offerLifetime().toMinutes());
            if (offer == null) {
                return Mono.just("wallet-offer");
            }
            return offers.live(certificate, offer).flatMap(live -> {
                String link = "openid-credential-offer://?credential_offer_uri="
                        + URLEncoder.encode(urls.walletOffer(live.handle()), StandardCharsets.UTF_8);
                model.addAttribute("offerLink", link);
                model.addAttribute("expiresAt", live.expiresAt());
                return blocking.run(() -> "data:image/png;base64,"
                        + Base64.getEncoder().encodeToString(QrCode.compactPng(link, 6)));
            }).map(qr -> {
                model.addAttribute("qr", qr);
                return "wallet-offer";
            }).defaultIfEmpty("wallet-offer").doOnNext(view -> {
                if (!model.containsAttribute("qr")) {
                    model.addAttribute("gone", true);
                }
            });
        });
    }

    @PostMapping("/h/{token}/wallet")
    @RateLimited(value = "wallet-offer-page", burst = 10, perSecond = 0.2)
    Mono<ResponseEntity<Void>> make(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> {
            if (!offers.offerable(certificate)) {
                return Mono.just(ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/h/" + token + "/wallet"))
                    .<Void>build());
            }
            return offers.make(certificate).map(offer -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create("/h/" + token + "/wallet?offer=" + offer.handle())).<Void>build());
        });
    }
}
