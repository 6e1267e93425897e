package cn.tongban.catalog;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;

import cn.tongban.catalog.admin.Violation;
import cn.tongban.catalog.io.ResourceJson;

/**
 * The {@code resource.items} column: a resource's information items, in order, as the JSON array of the
 * catalogue's import/export format ({@link ResourceJson#writeItems}).
 */
public final class ItemsColumn {

    private ItemsColumn() {}

    public static String write(List<InformationItem> items) {
        try {
            return ResourceJson.MAPPER.writeValueAsString(ResourceJson.writeItems(items));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write information items", e);
        }
    }

    public static List<InformationItem> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            List<Violation> problems = new ArrayList<>();
            List<InformationItem> items = ResourceJson.readItems(ResourceJson.MAPPER.readTree(json), "items", problems);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("stored information items do not read back: " + problems);
            }
            return List.copyOf(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored information items are not JSON", e);
        }
    }
}
