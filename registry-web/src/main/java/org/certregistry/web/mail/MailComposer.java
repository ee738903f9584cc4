package org.certregistry.web.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * Writes an e-mail's subject, plain text and HTML from {@code templates/mail/<kind>.txt|.html}
 * and the {@code mail.*} texts of the registry's bundles ({@code i18n/messages*.properties}) in the
 * message's language (a language without its own bundle falls back to English). Dates in the
 * model ({@link Instant}, {@link LocalDate}) are written as the pages write them ({@code format.date}), in UTC.
 * Templates are read once at start.
 */
@Component
class MailComposer {

    /** What a message says, ready to store. */
    record Composed(String subject, String text, String html) {
    }

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final MessageSource messages;

    private final java.util.Set<String> ownTemplates;

    MailComposer(MessageSource messages) {
        this.messages = messages;
        Map<String, String> templates = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/mail/*.*")) {
                templates.put(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the e-mail templates", ex);
        }
        this.ownTemplates = templates.keySet().stream().filter(name -> name.endsWith(".html"))
            .map(name -> name.substring(0, name.length() - ".html".length())).collect(java.util.stream.Collectors.toSet());
        engine.addTemplateResolver(resolver(templates, ".txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver(templates, ".html", TemplateMode.HTML, 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    /** The message in its language. CPU work: callers run it on {@code BlockingWork}. */
    Composed compose(OutgoingMail mail) {
        Locale language = mail.language();
        Context context = new Context(language, written(mail.model(), language, messages));
        String name = mail.kind().templateName();
        String subject = messages.getMessage("mail." + name + ".subject", mail.subjectArguments().toArray(), language);
        context.setVariable("subject", subject);
        context.setVariable("kind", name);
        // state notices (suspended, reinstated, revoked, renewed, renewal requested) differ only in their
        // sentence: one template, "notice", takes the sentence of the kind from the message bundle
        String template = ownTemplates.contains(name) ? name : "notice";
        return new Composed(subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }

    /**
     * The model with its dates written in {@code language} as the pages write them ({@code format.date}: "3 March 2026",
     * "3 mars 2026", "3 de marzo de 2026", "3. März 2026").
     */
    private static Map<String, Object> written(Map<String, Object> model, Locale language, MessageSource messages) {
        DateTimeFormatter longDate = DateTimeFormatter.ofPattern(messages.getMessage("format.date", null, language), language);
        Map<String, Object> values = new HashMap<>(model);
        values.replaceAll((key, value) -> value instanceof Instant instant ? longDate.format(instant.atOffset(ZoneOffset.UTC))
                : value instanceof LocalDate date ? longDate.format(date)
                : value instanceof PrivateLink ? PrivateLink.PLACEHOLDER : value);
        return values;
    }

    private static AbstractConfigurableTemplateResolver resolver(Map<String, String> templates, String suffix,
            TemplateMode mode, int order) {
        AbstractConfigurableTemplateResolver resolver = new AbstractConfigurableTemplateResolver() {
            @Override
            protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
                    String template, String resourceName, String characterEncoding, Map<String, Object> attributes) {
                String text = templates.get(resourceName);
                return text == null ? null : new StringTemplateResource(text);
            }
        };
        resolver.setResolvablePatterns(java.util.Set.of("*" + suffix));
        resolver.setTemplateMode(mode);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }
}
