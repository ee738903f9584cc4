-- No table holds a usable secret (docs/threat-model.md). An e-mail's private link (a holder's /h/ page, a sign-in or an
-- address link) waits sealed in its own column (SealedSecrets: AES-GCM under a key that is not in the database, bound
-- to the recipient) until the message is sent, then it is forgotten; the bodies hold only a placeholder.
ALTER TABLE mail_message ADD COLUMN sealed_link text;

-- Links written into unsent bodies before this version cannot be sealed here (the key is not in the database): they
-- become the placeholder, and such a message fails as "its private link is no longer kept" instead of going out.
UPDATE mail_message
   SET text_body = regexp_replace(text_body, 'https?://[^[:space:]"<>]*(/h/|/holder/sign-in/|/holder/address/)[A-Za-z0-9_-]{20,}',
                                  'urn:registry:private-link', 'g'),
       html_body = regexp_replace(html_body, 'https?://[^[:space:]"<>]*(/h/|/holder/sign-in/|/holder/address/)[A-Za-z0-9_-]{20,}',
                                  'urn:registry:private-link', 'g')
 WHERE status <> 'SENT';

-- A cohort's result keeps each holder's link sealed (bound to the cohort) for the admin who uploaded it; links stored
-- in the clear before this version are dropped.
UPDATE cohort_issued SET holder_url = '' WHERE holder_url LIKE 'http%';
