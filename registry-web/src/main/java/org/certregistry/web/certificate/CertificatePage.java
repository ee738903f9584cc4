package org.certregistry.web.certificate;

import java.util.List;

/** One page of certificates, newest first, and how many match in all. */
public record CertificatePage(List<Certificate> certificates, long total, int page, int size) {

    public CertificatePage {
        certificates = List.copyOf(certificates);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
