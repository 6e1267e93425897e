package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.ItemsColumn;

/**
 * Copies each resource's rows of {@code information_item} into {@code resource.items} (JSON, {@link ItemsColumn}),
 * in position order. Portable Java rather than SQL: H2 and the PostgreSQL versions supported build JSON
 * differently.
 */
public class V2026_11_24_41__Resource_items_from_table extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        Connection con = context.getConnection();
        try (PreparedStatement read = con.prepareStatement("""
                SELECT resource_code, name, label, data_type, length, required, sensitive, masking
                  FROM information_item ORDER BY resource_code, position""");
                PreparedStatement write = con.prepareStatement("UPDATE resource SET items = ? WHERE code = ?");
                ResultSet rs = read.executeQuery()) {
            String current = null;
            List<InformationItem> items = new ArrayList<>();
            while (rs.next()) {
                String code = rs.getString(1);
                if (current != null && !current.equals(code)) {
                    flush(write, current, items);
                }
                current = code;
                items.add(new InformationItem(
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        (Integer) rs.getObject(5),
                        rs.getBoolean(6),
                        rs.getBoolean(7),
                        rs.getString(8)));
            }
            if (current != null) {
                flush(write, current, items);
            }
            write.executeBatch();
        }
        try (PreparedStatement empty = con.prepareStatement("UPDATE resource SET items = '[]' WHERE items IS NULL")) {
            empty.executeUpdate();
        }
    }

    private static void flush(PreparedStatement write, String code, List<InformationItem> items) throws Exception {
        write.setString(1, ItemsColumn.write(items));
        write.setString(2, code);
        write.addBatch();
        items.clear();
    }
}
