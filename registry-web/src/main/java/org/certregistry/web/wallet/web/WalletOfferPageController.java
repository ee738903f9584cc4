package org.certregistry.web.wallet.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.certregistry.issuer.pdf.QrCode;
import org.certregistry.web.certificate.Certificate;
import org.certregistry.web.certificate.publicrecord.PublicRecords;
import org.certregistry.web.holder.HolderCertificates;
import org.certregistry.web.holder.SignedInHolders;
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
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The holder's page for adding the certificate to a wallet, under the private link ({@code /h/{token}/wallet}) and in
 * the signed-in holder area ({@code /holder/certificates/{number}/wallet}): {@code GET} explains and offers a button;
 * {@code POST} makes an offer and mails its transaction code, then shows (after a redirect, so a reload makes no
 * second offer) the QR code and {@code openid-credential-offer://} link of the offer while it is live.
 */
@Controller
class WalletOfferPageController {

    private final HolderCertificates holders;
    private final SignedInHolders signedIn;
    private final CredentialOffers offers;
    private final PublicRecords records;
    private final RegistryUrls urls;
    private final BlockingWork blocking;
    private final WalletProperties properties;

    WalletOfferPageController(HolderCertificates holders, SignedInHolders signedIn, CredentialOffers offers,
            PublicRecords records, RegistryUrls urls, BlockingWork blocking, WalletProperties properties) {
        this.holders = holders;
        this.signedIn = signedIn;
        this.offers = offers;
        this.records = records;
        this.urls = urls;
        this.blocking = blocking;
        this.properties = properties;
    }

    /** Where the page lives and where it leads back to: under the private link, or in the holder area. */
    private record Place(String page, String back) {

        static Place ofToken(String token) {
            return new Place("/h/" + token + "/wallet", "/h/" + token);
        }

        static Place ofArea(String number) {
            String certificate = UriComponentsBuilder.fromPath("/holder/certificates/{n}").buildAndExpand(number).encode()
                .toUriString();
            return new Place(certificate + "/wallet", certificate);
        }
    }

    @GetMapping("/h/{token}/wallet")
    Mono<String> page(@PathVariable String token, @RequestParam(required = false) String offer, Model model,
            ServerWebExchange exchange) {
        return holders.byToken(token).flatMap(certificate -> show(certificate, Place.ofToken(token), offer, model, exchange));
    }

    @PostMapping("/h/{token}/wallet")
    @RateLimited(value = "wallet-offer-page", burst = 10, perSecond = 0.2)
    Mono<ResponseEntity<Void>> make(@PathVariable String token) {
        return holders.byToken(token).flatMap(certificate -> make(certificate, Place.ofToken(token)));
    }

    /** The same page in the holder area, for a certificate of the signed-in holder; else to the sign-in page. */
    @GetMapping("/holder/certificates/{number}/wallet")
    Mono<String> areaPage(@PathVariable String number, @RequestParam(required = false) String offer, Model model,
            ServerWebExchange exchange) {
        return signedIn.certificate(exchange, number)
            .flatMap(certificate -> show(certificate, Place.ofArea(number), offer, model, exchange))
            .switchIfEmpty(Mono.fromSupplier(() -> "redirect:/holder/sign-in"));
    }

    @PostMapping("/holder/certificates/{number}/wallet")
    @RateLimited(value = "wallet-offer-page", burst = 10, perSecond = 0.2)
    Mono<ResponseEntity<Void>> areaMake(@PathVariable String number, ServerWebExchange exchange) {
        return signedIn.certificate(exchange, number).flatMap(certificate -> make(certificate, Place.ofArea(number)))
            .defaultIfEmpty(ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/holder/sign-in")).build());
    }

    private Mono<String> show(Certificate certificate, Place place, String offer, Model model, ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore().cachePrivate());
        exchange.getResponse().getHeaders().set("X-Robots-Tag", "noindex");
        model.addAttribute("record", records.of(certificate));
        model.addAttribute("page", place.page());
        model.addAttribute("back", place.back());
        model.addAttribute("offerable", offers.offerable(certificate));
        model.addAttribute("minutes", properties.offerLifetime().toMinutes());
        if (offer == null) {
            return Mono.just("wallet-offer");
        }
        return offers.live(certificate, offer).flatMap(live -> {
            String link = "openid-credential-offer://?credential_offer_uri="
                    + URLEncoder.encode(urls.walletOffer(live.handle()), StandardCharsets.UTF_8);
            model.addAttribute("offerLink", link);
            return blocking.run(() -> "data:image/png;base64," + Base64.getEncoder().encodeToString(QrCode.compactPng(link, 6)));
        }).map(qr -> {
            model.addAttribute("qr", qr);
            return "wallet-offer";
        }).switchIfEmpty(Mono.fromSupplier(() -> {
            model.addAttribute("gone", true);
            return "wallet-offer";
        }));
    }

    private Mono<ResponseEntity<Void>> make(Certificate certificate, Place place) {
        if (!offers.offerable(certificate)) {
            return Mono.just(ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(place.page())).build());
        }
        return offers.make(certificate).map(offer -> ResponseEntity.status(HttpStatus.SEE_OTHER)
            .location(URI.create(place.page() + "?offer=" + offer.handle())).<Void>build());
    }
}
