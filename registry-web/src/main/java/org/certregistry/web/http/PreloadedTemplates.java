package org.certregistry.web.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.certregistry.web.i18n.Languages;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.spring6.ISpringWebFluxTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresource.StringTemplateResource;

/**
 * Page templates read into memory at start, and the template engine and the message bundles of
 * every offered language loaded then too, so rendering a page never reads a file on a Netty event
 * loop (BlockHound checks this in tests). Replaces Spring Boot's {@code defaultTemplateResolver}.
 */
@Configuration(proxyBeanMethods = false)
class PreloadedTemplates {

    @Bean
    AbstractConfigurableTemplateResolver defaultTemplateResolver() {
        Map<String, String> templates = new HashMap<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:templates/**/*.html")) {
                String path = resource.getURL().toString();
                String name = path.substring(path.lastIndexOf("/templates/") + "/templates/".length());
                templates.put(name, resource.getContentAsString(StandardCharsets.UTF_8));
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the page templates", ex);
        }
        AbstractConfigurableTemplateResolver resolver = new AbstractConfigurableTemplateResolver() {
            @Override
            protected ITemplateResource computeTemplateResource(IEngineConfiguration configuration, String ownerTemplate,
                    String template, String resourceName, String characterEncoding, Map<String, Object> attributes) {
                String text = templates.get(resourceName);
                return text == null ? null : new StringTemplateResource(text);
            }
        };
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        return resolver;
    }

    @EventListener(ApplicationReadyEvent.class)
    void initialiseEngine(ApplicationReadyEvent event) {
        // the engine initialises lazily (reading its own version file) on first use: do it now
        event.getApplicationContext().getBean(ISpringWebFluxTemplateEngine.class).getConfiguration();
        // a bundle is read on its language's first use and kept (spring.messages.cache-duration unset): read them now;
        // pages and e-mails only ever ask in an offered language (LanguageResolver, Languages.orDefault)
        MessageSource messages = event.getApplicationContext().getBean(MessageSource.class);
        for (Locale language : event.getApplicationContext().getBean(Languages.class).offered()) {
            messages.getMessage("site.name", null, language);
        }
    }
}
