package db.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.certregistry.web.certificate.HolderNames;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code latin_name} (V70) for the names stored before it: only those whose folded name still holds
 * letters outside ASCII (Cyrillic, Greek, Han...); for every other name the folded words already are its
 * Latin words. V70's triggers then add the Latin words to {@code search_words} and the dictionary.
 */
public class V71__latin_names extends BaseJavaMigration {

    private static final int BATCH = 1000;

    /** The certificates (id, holder_name) this migration gives a Latin form. */
    protected String names() {
        return "SELECT id, holder_name FROM certificate WHERE octet_length(search_name) <> length(search_name)";
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        List<UUID> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery(names())) {
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
                names.add(HolderNames.latin(rows.getString(2)));
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE certificate SET latin_name = v.latin "
                + "FROM unnest(?::uuid[], ?::text[]) AS v(id, latin) WHERE certificate.id = v.id")) {
            for (int from = 0; from < ids.size(); from += BATCH) {
                int to = Math.min(ids.size(), from + BATCH);
                Array batchIds = connection.createArrayOf("uuid", ids.subList(from, to).toArray());
                Array batchNames = connection.createArrayOf("text", names.subList(from, to).toArray());
                update.setArray(1, batchIds);
                update.setArray(2, batchNames);
                update.executeUpdate();
            }
        }
    }
}
