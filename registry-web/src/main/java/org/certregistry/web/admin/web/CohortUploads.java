package org.certregistry.web.admin.web;

import org.certregistry.web.http.UploadRoute;
import org.certregistry.web.security.ConsoleUsers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's cohort upload: for a signed-in admin only, refused unread for anyone else. */
@Configuration(proxyBeanMethods = false)
class CohortUploads {

    @Bean
    UploadRoute cohortUpload(ConsoleUsers users) {
        return UploadRoute.signedIn("/admin/cohorts", Uploads.MAX_BYTES + 64 * 1024,
                "A cohort file is at most 8 MB: split it into several cohorts.", users::isAdmin);
    }
}
