package cn.tongban.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of the OpenAPI contracts the server serves ({@code static/openapi/*.yaml} on the class path), each
 * with a minimal request that passes binding and bean validation: path and required query parameters, and a body of
 * the operation's first media type, generated from its schema (required properties only, shortest valid strings,
 * minimum numbers, first enum values). Not meant to succeed: meant to reach the operation's role check.
 */
final class SampleRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private SampleRequests() {}

    /** An operation and its sample request. */
    record Operation(
            String id,
            String method,
            String path,
            List<Map<String, Object>> parameters,
            String contentType,
            byte[] body,
            String file) {

        /** The path with parameters filled in, and the required query parameters; {@code {self}} is the caller. */
        String pathAndQuery(String self, Map<String, String> selfParameters) {
            String p = path;
            StringBuilder query = new StringBuilder();
            for (Map<String, Object> param : parameters) {
                String name = (String) param.get("name");
                Object value = selfParameters.containsKey(id + "." + name)
                        ? selfParameters.get(id + "." + name).replace("{self}", self)
                        : sample(schema(param), file, 0);
                String text = value instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(value);
                if ("path".equals(param.get("in"))) {
                    p = p.replace("{" + name + "}", AuthorisationMatrixIT.encode(text));
                } else if ("query".equals(param.get("in")) && Boolean.TRUE.equals(param.get("required"))) {
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(name)
                            .append('=')
                            .append(URLEncoder.encode(text, StandardCharsets.UTF_8));
                }
            }
            return p + query;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> schema(Map<String, Object> param) {
            Object s = param.get("schema");
            return s == null ? Map.of("type", "string") : (Map<String, Object>) s;
        }
    }

    /** Every operation of every contract, in file and path order. */
    @SuppressWarnings("unchecked")
    static List<Operation> load() throws IOException {
        List<Operation> out = new ArrayList<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:static/openapi/*.yaml")) {
            String file = r.getFilename();
            Map<String, Object> spec = read(file);
            Map<String, Object> paths = (Map<String, Object>) spec.getOrDefault("paths", Map.of());
            for (Map.Entry<String, Object> path : paths.entrySet()) {
                Map<String, Object> item = (Map<String, Object>) path.getValue();
                for (String method : METHODS) {
                    Map<String, Object> op = (Map<String, Object>) item.get(method);
                    if (op == null) {
                        continue;
                    }
                    List<Map<String, Object>> params = new ArrayList<>();
                    for (Object p : (List<Object>) item.getOrDefault("parameters", List.of())) {
                        params.add(resolve((Map<String, Object>) p, file).value());
                    }
                    for (Object p : (List<Object>) op.getOrDefault("parameters", List.of())) {
                        params.add(resolve((Map<String, Object>) p, file).value());
                    }
                    String contentType = null;
                    byte[] body = null;
                    Map<String, Object> requestBody = (Map<String, Object>) op.get("requestBody");
                    if (requestBody != null) {
                        Map<String, Object> content = (Map<String, Object>)
                                resolve(requestBody, file).value().get("content");
                        Map.Entry<String, Object> first =
                                content.entrySet().iterator().next();
                        contentType = first.getKey();
                        Map<String, Object> schema =
                                (Map<String, Object>) ((Map<String, Object>) first.getValue()).get("schema");
                        body = contentType.contains("json") && schema != null
                                ? JSON.writeValueAsBytes(sample(schema, file, 0))
                                : "x".getBytes(StandardCharsets.UTF_8);
                    }
                    out.add(new Operation(
                            (String) op.get("operationId"),
                            method.toUpperCase(java.util.Locale.ROOT),
                            path.getKey(),
                            params,
                            contentType,
                            body,
                            file));
                }
            }
        }
        return out;
    }

    private static final Map<String, Map<String, Object>> FILES = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(String file) {
        return FILES.computeIfAbsent(file, f -> {
            try (InputStream in = SampleRequests.class.getResourceAsStream("/static/openapi/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("no contract " + f + " on the class path");
                }
                return (Map<String, Object>) new Yaml().load(in);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A node and the file it is in, after following {@code $ref}s ({@code #/a/b} or {@code ./other.yaml#/a/b}). */
    record Located(Map<String, Object> value, String file) {}

    @SuppressWarnings("unchecked")
    static Located resolve(Map<String, Object> node, String file) {
        while (node.containsKey("$ref")) {
            String ref = (String) node.get("$ref");
            int hash = ref.indexOf('#');
            if (hash > 0) {
                file = ref.substring(0, hash).replace("./", "");
            }
            Object target = read(file);
            for (String part : ref.substring(hash + 2).split("/")) {
                target = ((Map<String, Object>) target).get(part);
            }
            node = (Map<String, Object>) target;
        }
        return new Located(node, file);
    }

    /** The smallest value {@code schema} accepts, as a Java value Jackson writes as JSON. */
    @SuppressWarnings("unchecked")
    static Object sample(Map<String, Object> schema, String file, int depth) {
        Located l = resolve(schema, file);
        Map<String, Object> s = l.value();
        if (s.containsKey("allOf")) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (Object part : (List<Object>) s.get("allOf")) {
                Object v = sample((Map<String, Object>) part, l.file(), depth + 1);
                if (v instanceof Map<?, ?> m) {
                    merged.putAll((Map<String, Object>) m);
                }
            }
            return merged;
        }
        if (s.containsKey("oneOf") || s.containsKey("anyOf")) {
            List<Object> options = (List<Object>) s.getOrDefault("oneOf", s.get("anyOf"));
            return sample((Map<String, Object>) options.get(0), l.file(), depth + 1);
        }
        if (s.containsKey("enum")) {
            return ((List<Object>) s.get("enum")).get(0);
        }
        String type = (String) s.getOrDefault("type", s.containsKey("properties") ? "object" : "string");
        switch (type) {
            case "object" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                Map<String, Object> props = (Map<String, Object>) s.getOrDefault("properties", Map.of());
                for (Object name : (List<Object>) s.getOrDefault("required", List.of())) {
                    Object p = props.get(name);
                    out.put(
                            (String) name,
                            p == null || depth > 8 ? "x" : sample((Map<String, Object>) p, l.file(), depth + 1));
                }
                return out;
            }
            case "array" -> {
                List<Object> out = new ArrayList<>();
                int n = ((Number) s.getOrDefault("minItems", 0)).intValue();
                for (int i = 0; i < n; i++) {
                    out.add(sample((Map<String, Object>) s.get("items"), l.file(), depth + 1));
                }
                return out;
            }
            case "integer", "number" -> {
                Object min = s.get("minimum");
                return min == null ? 1 : min;
            }
            case "boolean" -> {
                return false;
            }
            default -> {
                String format = (String) s.getOrDefault("format", "");
                return switch (format) {
                    case "date-time" -> "2026-12-01T00:00:00Z";
                    case "date" -> "2026-12-01";
                    case "uuid" -> "00000000-0000-4000-8000-000000000000";
                    case "byte" -> "eA==";
                    default -> "x".repeat(Math.max(1, ((Number) s.getOrDefault("minLength", 1)).intValue()));
                };
            }
        }
    }
}
