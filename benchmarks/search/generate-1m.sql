-- 1,000,000 synthetic certificates for the search benchmark. Run it on a SCRATCH database that the
-- application has migrated (docs/benchmarks.md, "Search"); never on a real one.
-- the status lists the certificates point at (V2's foreign key): 131,072 entries each
-- (full lists: V7's allocation hands out no entries from them; their bits are all clear)
INSERT INTO status_list (id, awarding_body, size, created_at, allocated, revoked, suspended)
SELECT l, NULL, 131072, now(), 131072, decode(repeat('00', 131072 / 8), 'hex'), decode(repeat('00', 131072 / 8), 'hex')
FROM generate_series(1, 1 + 1000000 / 131072) l ON CONFLICT DO NOTHING;
INSERT INTO certificate (id, number, program, holder_id, holder_name, holder_email, email_salt, listed, holder_token_hash,
    awarded_at, valid_from, valid_until, state, status_list, status_index, version, credential_version, created_at, updated_at)
SELECT gen_random_uuid(),
       (CASE WHEN i % 3 = 0 THEN 'CXSP' ELSE 'CCXP' END) || '-' || upper(substr(md5(i::text), 1, 3)) || '-' || upper(substr(md5(i::text), 4, 3)) || '-' || lpad(to_hex(i), 6, '0'),
       CASE WHEN i % 3 = 0 THEN 'CXSP' ELSE 'CCXP' END,
       gen_random_uuid(),
       (ARRAY['Zoë','Anna','María','José','Jürgen','Søren','Ελένη','Андрей','Łukasz','François','Chloé','Björn','Ana','John','Mary','Peter','Ingrid','Mateus','Oğuz','Aoife','Nguyễn','Priya','Rahul','Ahmed','Fatima','Olivia','Noah','Liam','Emma','Sofía','Mía','Lucas','Hugo','Léa','Inès','Tomáš','Dvořák','Zsófia','Ádám','Mihai'])[1 + (hashint4(i) & 2147483647) % 40]
       || ' ' ||
       (ARRAY['Ångström','Müller','García','Núñez','Østergaard','Kowalczyk','Παπαδόπουλος','Иванов','Dubois','Lefèvre','Smith','Johnson','Brown','Silva','Santos','Pereira','Rossi','Bianchi','Novák','Horváth','Nagy','Popescu','Yılmaz','Kaya','Nguyen','Tran','Patel','Sharma','Khan','Ali','Schmidt','Schneider','Fischer','Weber','Meyer','Wagner','Becker','Hoffmann','Schäfer','Koch','Richter','Klein','Wolf','Neumann','Schwarz','Zimmermann','Braun','Krüger','Hofmann','Hartmann','Lange','Schmitt','Werner','Krause','Meier','Lehmann','Schmid','Schulze','Maier','Köhler','Herrmann','König','Walter','Mayer','Huber','Kaiser','Fuchs','Peters','Lang','Scholz','Möller','Weiß','Jung','Hahn','Schubert','Vogel','Friedrich','Keller','Günther','Frank','Berger','Winkler','Roth','Beck','Lorenz','Baumann','Franke','Albrecht','Schuster','Simon','Ludwig','Böhm','Winter','Kraus','Martin','Schumacher','Krämer','Vogt','Stein','Jäger'])[1 + (hashint4(i * 7 + 1) & 2147483647) % 100]
       || CASE WHEN i % 2 = 0 THEN '-' || initcap(
            (ARRAY['ka','lo','mé','ri','sa','to','vu','ne','bå','dö','fi','gu','ha','jo','ki','lu','ma','no','pé','ru','sö','ta','vi','wa','ze','ch','sh','an','el','or'])[1 + (hashint4(i*13) & 2147483647) % 30]
         || (ARRAY['ka','lo','mé','ri','sa','to','vu','ne','bå','dö','fi','gu','ha','jo','ki','lu','ma','no','pé','ru','sö','ta','vi','wa','ze','ch','sh','an','el','or'])[1 + (hashint4(i*17) & 2147483647) % 30]
         || (ARRAY['ka','lo','mé','ri','sa','to','vu','ne','bå','dö','fi','gu','ha','jo','ki','lu','ma','no','pé','ru','sö','ta','vi','wa','ze','ch','sh','an','el','or'])[1 + (hashint4(i*19) & 2147483647) % 30]
         || (ARRAY['nen','son','sen','ski','ová','escu','ez','ić','yan','oglu'])[1 + (hashint4(i*23) & 2147483647) % 10]) ELSE '' END,
       'h' || i || '@example.org', 'salt', (hashint4(i * 31) & 2147483647) % 10 <> 0, decode(md5(i::text), 'hex'),
       ts, ts, ts + interval '2 years',
       CASE WHEN i % 50 = 0 THEN 'REVOKED' WHEN i % 40 = 0 THEN 'SUSPENDED' ELSE 'ACTIVE' END,
       1 + i / 131072, i % 131072, 0, 1, now(), now()
FROM (SELECT i, timestamptz '2022-01-01' + (i % 1400) * interval '1 day' AS ts FROM generate_series(1, 1000000) i) s;
ANALYZE certificate;
