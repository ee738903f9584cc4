package org.certregistry.web.http;

import java.util.Arrays;
import java.util.Objects;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Controller;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI document at {@code /v3/api-docs} (springdoc), generated from the controllers. It
 * lists the pages too (tag {@code pages}, HTML answers), not only the JSON API, so that every
 * route the application has is written down; {@code OpenApiDocumentTest} checks that.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String PAGES = "pages";

    @Bean
    OpenAPI registryApi() {
        return new OpenAPI()
            .info(new Info().title("Certificate registry").version("v1")
                .description("Issue, publish and verify signed professional certificates. Public: records, credentials, "
                        + "status lists, keys, search, verification. Admin (HTTP Basic, role ADMIN or AUDITOR): "
                        + "issuance, lifecycle, CEUs, cohorts. Pages (tag \"pages\") answer HTML. Errors are RFC 9457 "
                        + "problem details; docs/api.md says more."))
            .components(new Components().addSecuritySchemes("admin", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("An account with role ADMIN (changes) or AUDITOR (reads)")));
    }

    /** The page controllers ({@code @Controller} without {@code @ResponseBody}) are documented like the API. */
    @Bean
    static SmartInitializingSingleton pagesInTheApiDocument(ListableBeanFactory beans) {
        return () -> SpringDocUtils.getConfig().addRestControllers(Arrays.stream(beans.getBeanNamesForAnnotation(Controller.class))
            .map(beans::getType)
            .filter(Objects::nonNull)
            .map(ClassUtils::getUserClass)
            .filter(type -> type.getPackageName().startsWith("org.certregistry."))
            .filter(type -> !AnnotatedElementUtils.hasAnnotation(type, RestController.class))
            .toArray(Class<?>[]::new));
    }

    @Bean
    OperationCustomizer pagesAndAdminTags() {
        return (operation, handler) -> {
            if (!AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), RestController.class)) {
                operation.addTagsItem(PAGES);
            }
            return operation;
        };
    }
}
