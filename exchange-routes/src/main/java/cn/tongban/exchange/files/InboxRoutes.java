package cn.tongban.exchange.files;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import cn.tongban.catalog.Resource;

/**
 * The inbox folder a provider drops dataset files into: {@code <inbox>/<providerSystem>/<resourceCode>/<name>.csv}
 * (or {@code .jsonl}). A file is picked up once it has stopped changing, imported through {@link DatasetStore}
 * (a file with any bad row is rejected whole), and moved to {@code .done/} or {@code .failed/} next to it with
 * {@code <name>.report.json} beside it. The folder names say who delivered: a resource whose provider system is not
 * the folder's owner is refused, so one department cannot publish another's data by dropping a file in the wrong
 * place. Accepted versions are announced through {@code announce} (e.g. a {@code dataset.version} event).
 */
public final class InboxRoutes extends RouteBuilder {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path inbox;
    private final DatasetStore store;
    private final Function<String, Optional<Resource>> catalogue;
    private final BiConsumer<Resource, ImportReport> announce;
    private final long pollMillis;

    public InboxRoutes(Path inbox, DatasetStore store, Function<String, Optional<Resource>> catalogue,
                       BiConsumer<Resource, ImportReport> announce, long pollMillis) {
        this.inbox = inbox;
        this.store = store;
        this.catalogue = catalogue;
        this.announce = announce;
        this.pollMillis = pollMillis;
    }

    @Override
    public void configure() {
        from("file:" + inbox.toAbsolutePath() + "?recursive=true&minDepth=3&maxDepth=3"
                + "&autoCreate=false&include=(?i).*\\.(csv|jsonl|ndjson)&readLock=changed&readLockCheckInterval=" + pollMillis
                + "&readLockMinAge=" + pollMillis + "&delay=" + pollMillis
                + "&move=.done/${file:name.noext}-${date:now:yyyyMMddHHmmssSSS}.${file:ext}"
                + "&moveFailed=.failed/${file:name.noext}-${date:now:yyyyMMddHHmmssSSS}.${file:ext}")
                .routeId("tongban-dataset-inbox")
                .process(this::importFile);
    }

    private void importFile(Exchange e) throws Exception {
        Path file = Path.of(e.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        Path resourceDir = file.getParent();
        String resourceCode = resourceDir.getFileName().toString();
        String owner = resourceDir.getParent().getFileName().toString();
        ImportReport report;
        Resource resource = catalogue.apply(resourceCode).orElse(null);
        DatasetFormat format = DatasetFormat.ofFileName(file.getFileName().toString()).orElseThrow();
        if (resource == null) {
            report = rejected(resourceCode, format, resourceCode + " is not in the catalogue");
        } else if (!owner.equals(resource.providerSystem())) {
            report = rejected(resourceCode, format, "the folder of " + owner + " cannot deliver " + resourceCode
                    + ", which " + resource.providerSystem() + " provides");
        } else {
            try (InputStream in = e.getMessage().getBody(InputStream.class)) {
                report = store.importFile(resource, format, in, false);
            }
        }
        String name = file.getFileName().toString();
        Path reportDir = resourceDir.resolve(report.stored() ? ".done" : ".failed");
        Files.createDirectories(reportDir);
        JSON.writeValue(reportDir.resolve(name + ".report.json").toFile(), report);
        if (report.stored()) {
            announce.accept(resource, report);
        } else {
            throw new RejectedFile(name + ": " + (report.fileError() != null ? report.fileError()
                    : report.badRows() + " bad rows"));
        }
    }

    private static ImportReport rejected(String code, DatasetFormat format, String why) {
        return new ImportReport(code, format, 0, 0, 0, List.of(), false, why, false, null, null, null);
    }

    /** Makes the file consumer move the file to {@code .failed/}. */
    static final class RejectedFile extends RuntimeException {
        RejectedFile(String message) {
            super(message, null, false, false);
        }
    }
}
