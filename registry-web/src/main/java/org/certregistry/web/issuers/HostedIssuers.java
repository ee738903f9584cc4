package org.certregistry.web.issuers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.certregistry.issuer.credential.Achievement;
import org.certregistry.issuer.credential.IssuerDocuments;
import org.certregistry.issuer.credential.IssuerProfile;
import org.certregistry.issuer.credential.OpenBadgeClaims;
import org.certregistry.issuer.keys.Ed25519Key;
import org.certregistry.web.certificate.CredentialFactory;
import org.certregistry.web.program.Program;
import org.certregistry.web.program.ProgramCatalog;
import org.certregistry.web.signing.IssuerKeys;
import org.certregistry.web.system.RegistryUrls;
import org.springframework.stereotype.Service;

/**
 * The documents a credential's ids dereference to: the awarding body's Open Badges 3.0
 * {@code Profile} at {@code issuer.id}, which is also the controller document Data Integrity
 * verifiers read ({@code assertionMethod} lists its Ed25519 verification methods); each
 * method's {@code Multikey} document; and each program's {@code Achievement}. Made from
 * configuration and keys only, so they are the same on every instance.
 */
@Service
public class HostedIssuers {

    static final String DID_V1 = "https://www.w3.org/ns/did/v1";
    static final String MULTIKEY_V1 = "https://w3id.org/security/multikey/v1";

    /** An awarding body as its hosted page shows it. */
    public record Body(String id, String name, String profileUrl, List<Program> programs) {
    }

    private final ProgramCatalog programs;
    private final IssuerKeys keys;
    private final RegistryUrls urls;

    HostedIssuers(ProgramCatalog programs, IssuerKeys keys, RegistryUrls urls) {
        this.programs = programs;
        this.keys = keys;
        this.urls = urls;
    }

    /** The awarding body with this id, if a configured program names it. */
    public Optional<Body> body(String id) {
        List<Program> awarded = programs.all().stream().filter(p -> p.awardingBody().id().equals(id)).toList();
        return awarded.isEmpty() ? Optional.empty()
                : Optional.of(new Body(id, awarded.get(0).awardingBody().name(), urls.issuer(id), awarded));
    }

    /** The Ed25519 keys the body's Data Integrity proofs may name (the active one). */
    public List<Ed25519Key> dataIntegrityKeys() {
        return List.of(keys.ed25519());
    }

    /**
     * The OB 3.0 Profile of the body as JSON-LD, which is also its controller document: the DID
     * context first (verifiers then read {@code assertionMethod} without framing), then the Open
     * Badges and Multikey contexts.
     */
    public Optional<Map<String, Object>> profile(String id) {
        return body(id).map(body -> {
            IssuerProfile issuer = new IssuerProfile(body.profileUrl(), body.name());
            Map<String, Object> controller = IssuerDocuments.controllerDocument(issuer, dataIntegrityKeys());
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("@context", List.of(DID_V1, OpenBadgeClaims.OB_CONTEXT, MULTIKEY_V1));
            profile.put("id", body.profileUrl());
            profile.put("type", List.of("Profile"));
            profile.put("name", body.name());
            profile.put("url", body.profileUrl());
            profile.put("description", body.name() + " awards " + String.join(", ",
                    body.programs().stream().map(p -> p.name() + " (" + p.code() + ")").toList())
                    + " through this registry. Its credentials are signed with the keys listed here and at " + urls.jwks() + ".");
            profile.put("verificationMethod", controller.get("verificationMethod"));
            profile.put("assertionMethod", controller.get("assertionMethod"));
            return profile;
        });
    }

    /** The Multikey document of one of the body's verification methods. */
    public Optional<Map<String, Object>> verificationMethod(String id, String keyName) {
        return body(id).flatMap(body -> dataIntegrityKeys().stream().filter(k -> k.name().equals(keyName)).findFirst()
            .map(key -> IssuerDocuments.verificationMethod(new IssuerProfile(body.profileUrl(), body.name()), key)));
    }

    /** The program with this code as an OB 3.0 Achievement (the credentials' {@code achievement}, with its creator). */
    public Optional<Map<String, Object>> achievement(String code) {
        return programs.find(code).map(program -> {
            Achievement a = CredentialFactory.achievement(program, urls);
            Map<String, Object> creator = new LinkedHashMap<>();
            creator.put("id", urls.issuer(program.awardingBody().id()));
            creator.put("type", List.of("Profile"));
            creator.put("name", program.awardingBody().name());
            Map<String, Object> achievement = new LinkedHashMap<>();
            achievement.put("@context", List.of(OpenBadgeClaims.VC_CONTEXT, OpenBadgeClaims.OB_CONTEXT));
            achievement.put("id", a.id());
            achievement.put("type", List.of("Achievement"));
            achievement.put("achievementType", "Certification");
            achievement.put("name", a.name());
            achievement.put("description", a.description());
            achievement.put("criteria", OpenBadgeClaims.criteria(a));
            achievement.put("creator", creator);
            return achievement;
        });
    }

    /** A document as JSON text. */
    public static String json(Map<String, Object> document) {
        return IssuerDocuments.json(document);
    }
}
