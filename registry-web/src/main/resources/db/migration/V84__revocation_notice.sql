-- The public reason category of a revocation (the admin's own reason stays private), written in
-- the revocation's transaction and shown on the public page.
CREATE TABLE revocation_notice (
    certificate_id uuid PRIMARY KEY REFERENCES certificate (id),
    category       text NOT NULL CHECK (category IN ('ISSUED_IN_ERROR', 'REQUIREMENTS_NOT_MET', 'MISCONDUCT',
                                                     'HOLDER_REQUEST', 'OTHER'))
);
