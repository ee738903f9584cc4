package org.certregistry.web.program;

import java.time.Period;
import java.util.Objects;

/**
 * A certification program, as configured: no program is known to the code by name.
 *
 * @param code short upper-case code, also the prefix of its certificate numbers (e.g. CCXP)
 * @param validity how long one certification cycle lasts
 * @param template the PDF template the certificate is printed with
 */
public record Program(String code, String name, AwardingBody awardingBody, String level, String description,
        String criteria, Period validity, String template, RenewalPolicy renewal, RenewalProcess process) {

    /** A program whose holders renew at once when the rule is met, from 180 days before the end. */
    public Program(String code, String name, AwardingBody awardingBody, String level, String description, String criteria,
            Period validity, String template, RenewalPolicy renewal) {
        this(code, name, awardingBody, level, description, criteria, validity, template, renewal, new RenewalProcess(null, null));
    }

    public Program {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(awardingBody, "awardingBody");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(renewal, "renewal");
        Objects.requireNonNull(process, "process");
        if (!code.matches("[A-Z][A-Z0-9]{1,9}")) {
            throw new IllegalArgumentException("Program code " + code + " must be 2-10 capital letters or digits");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("Program " + code + " needs a positive validity period");
        }
    }

    /**
     * The body that awards the program, as it appears as the credential's issuer.
     *
     * @param linkedInOrganizationId the body's LinkedIn organisation id, for "Add to profile" (null: LinkedIn is given
     *        its name)
     */
    public record AwardingBody(String id, String name, String linkedInOrganizationId) {

        public AwardingBody(String id, String name) {
            this(id, name, null);
        }

        public AwardingBody {
            linkedInOrganizationId = linkedInOrganizationId == null || linkedInOrganizationId.isBlank() ? null
                    : linkedInOrganizationId.strip();
            if (linkedInOrganizationId != null && !linkedInOrganizationId.matches("[0-9]{1,20}")) {
                throw new IllegalArgumentException("The LinkedIn organisation id of " + id + " must be digits, as LinkedIn gives it");
            }
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            if (!id.matches("[a-z0-9-]{1,40}")) {
                throw new IllegalArgumentException("Awarding body id " + id + " must be lower-case letters, digits or '-'");
            }
        }
    }
}
