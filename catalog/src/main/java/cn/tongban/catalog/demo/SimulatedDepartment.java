package cn.tongban.catalog.demo;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;

/**
 * What a simulated provider system answers: for {@code GET <endpointPath with the subject>} of one of its
 * resources, the records whose information items mention the subject, with exactly the resource's items.
 * The answer is {@code {"resourceCode": ..., "subject": ..., "records": [...]}}; no record → empty.
 */
public final class SimulatedDepartment {

    private final String systemId;
    private final List<Route> routes = new ArrayList<>();

    private record Route(Resource resource, Pattern path, JsonNode collection) {}

    public SimulatedDepartment(DemoDataset dataset, String systemId) {
        this.systemId = systemId;
        JsonNode records = dataset.recordsByProviderSystem().get(systemId);
        for (Resource r : dataset.resourcesOf(systemId)) {
            if (r.endpointPath() == null || records == null) {
                continue;
            }
            String regex = "\\Q" + r.endpointPath().replace("{subject}", "\\E([^/]+)\\Q") + "\\E";
            routes.add(new Route(r, Pattern.compile(regex), collectionFor(r, records)));
        }
    }

    public String systemId() {
        return systemId;
    }

    public List<Resource> resources() {
        return routes.stream().map(Route::resource).toList();
    }

    /** The answer to a GET of {@code path}, or empty when no resource of this system lives there. */
    public Optional<ObjectNode> answer(String path) {
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (m.matches()) {
                return Optional.of(answer(route, m.group(1)));
            }
        }
        return Optional.empty();
    }

    private static ObjectNode answer(Route route, String subject) {
        ObjectNode out =
                JsonNodeFactory.instance
                        .objectNode(); // not a new ObjectMapper per answer (11% of a load run's garbage)
        out.put("resourceCode", route.resource().code());
        out.put("subject", subject);
        ArrayNode list = out.putArray("records");
        if (route.collection() != null) {
            for (JsonNode record : route.collection()) {
                if (mentions(record, route.resource().items(), subject)) {
                    ObjectNode projected = list.addObject();
                    for (InformationItem item : route.resource().items()) {
                        JsonNode v = record.get(item.name());
                        if (v != null) {
                            projected.set(item.name(), v);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static boolean mentions(JsonNode record, List<InformationItem> items, String subject) {
        return items.stream()
                .map(i -> record.get(i.name()))
                .anyMatch(v -> v != null && v.isTextual() && v.asText().equals(subject));
    }

    /** The records collection (e.g. "residents") that holds every required item of the resource. */
    private static JsonNode collectionFor(Resource r, JsonNode records) {
        Iterator<Map.Entry<String, JsonNode>> it = records.properties().iterator();
        while (it.hasNext()) {
            JsonNode collection = it.next().getValue();
            if (collection.isArray()
                    && !collection.isEmpty()
                    && r.items().stream()
                            .filter(InformationItem::required)
                            .allMatch(i -> collection.get(0).has(i.name()))) {
                return collection;
            }
        }
        return null;
    }
}
