package cn.tongban.exchange.files;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

import cn.tongban.catalog.Resource;
import cn.tongban.exchange.ExchangeException;
import cn.tongban.exchange.SharingPolicy;

/**
 * The inbox folder a provider drops dataset files into: {@code <inbox>/<providerSystem>/<resourceCode>/<name>.csv}
 * (or {@code .jsonl}). A file is picked up once it has stopped changing, imported through {@link DatasetStore}
 * (a file with any bad row is rejected whole), and moved to {@code .done/} or {@code .failed/} next to it with
 * {@code <name>.report.json} beside it. The folder names say who delivered: a resource whose provider system is not
 * the folder's owner is refused, so one department cannot publish another's data by dropping a file in the wrong
 * place; a resource that is not published takes no files. Accepted versions are announced through
 * {@code announce} (e.g. a {@code dataset.version} event).
 *
 * <p>Links are never followed ({@link InboxFolders}): a data file that is a symbolic link, a FIFO, a directory
 * named like a data file or a file in a linked folder is moved (itself, never a link's target) to
 * {@code .failed/} with a report saying why, and nothing of it is read; when {@code .done} or {@code .failed} is a
 * link or leads outside the inbox, the route files nothing in that folder and warns once. The route moves files
 * itself (the file consumer runs with {@code noop}), so every move and report goes through those checks.
 */
public final class InboxRoutes extends RouteBuilder {

    private final Path inbox;
    private final DatasetStore store;
    private final Function<String, Optional<Resource>> catalogue;
    private final BiConsumer<Resource, ImportReport> announce;
    private final long pollMillis;
    private final InboxFolders folders;

    public InboxRoutes(
            Path inbox,
            DatasetStore store,
            Function<String, Optional<Resource>> catalogue,
            BiConsumer<Resource, ImportReport> announce,
            long pollMillis) {
        this(inbox, store, catalogue, announce, pollMillis, InboxFolders::log);
    }

    /** As above, telling refusals to {@code warnings} instead of the log. */
    InboxRoutes(
            Path inbox,
            DatasetStore store,
            Function<String, Optional<Resource>> catalogue,
            BiConsumer<Resource, ImportReport> announce,
            long pollMillis,
            java.util.function.Consumer<String> warnings) {
        this.inbox = inbox.toAbsolutePath().normalize();
        this.store = store;
        this.catalogue = catalogue;
        this.announce = announce;
        this.pollMillis = pollMillis;
        this.folders = new InboxFolders(this.inbox, Clock.systemUTC(), warnings);
    }

    @Override
    public void configure() {
        String filter = "tongbanInboxFilter" + System.identityHashCode(this);
        getContext().getRegistry().bind(filter, GenericFileFilter.class, (GenericFileFilter<File>) this::accept);
        from("file:" + inbox + "?recursive=true&minDepth=3&maxDepth=3&autoCreate=false"
                        + "&include=" + InboxFolders.DATA_FILE.pattern() + "&filter=#" + filter
                        + "&readLock=changed&readLockCheckInterval=" + pollMillis + "&readLockMinAge=" + pollMillis
                        + "&delay=" + pollMillis + "&noop=true&idempotent=false")
                .routeId("tongban-dataset-inbox")
                .process(this::importFile);
    }

    /** The file consumer's filter: refuses links and irregular entries before anything opens them. */
    private boolean accept(GenericFile<File> f) {
        Path p = Path.of(f.getAbsoluteFilePath()).toAbsolutePath().normalize();
        if (!p.startsWith(inbox) || p.equals(inbox)) {
            return false;
        }
        int depth = inbox.relativize(p).getNameCount();
        try {
            if (f.isDirectory()) {
                if (Files.isSymbolicLink(p)) {
                    folders.warnOnce(p.getParent(), "the folder " + p.getFileName() + " is a symbolic link");
                    return false;
                }
                if (depth == 2) {
                    folders.irregularEntries(p).forEach(e -> refuse(e, describe(e)));
                }
                return depth < 3;
            }
            String why = depth == 3 ? folders.refusal(p) : "not in a resource folder";
            if (why != null) {
                refuse(p, why);
                return false;
            }
            return true;
        } catch (IOException e) {
            folders.warnOnce(p.getParent(), "cannot be read: " + e.getClass().getSimpleName());
            return false;
        }
    }

    private String describe(Path entry) {
        try {
            String why = folders.refusal(entry);
            return why == null ? "not a regular file" : why;
        } catch (IOException e) {
            return "cannot be read: " + e.getClass().getSimpleName();
        }
    }

    /** Files a refused entry aside with a report saying why, or leaves it and warns when that is not safe. */
    private void refuse(Path entry, String why) {
        Path resourceDir = entry.getParent();
        DatasetFormat format =
                DatasetFormat.ofFileName(entry.getFileName().toString()).orElse(DatasetFormat.CSV);
        try {
            Path failed = folders.filingFolder(resourceDir, ".failed");
            folders.file(entry, failed, rejected(resourceDir.getFileName().toString(), format, "refused: " + why));
            folders.warnOnce(resourceDir, why);
        } catch (IOException e) {
            folders.warnOnce(resourceDir, why + "; it stays where it is: " + e.getMessage());
        }
    }

    private void importFile(Exchange e) throws IOException {
        Path file = Path.of(e.getMessage().getHeader(Exchange.FILE_PATH, String.class))
                .toAbsolutePath()
                .normalize();
        Path resourceDir = file.getParent();
        String why = folders.refusal(file); // again: the entry may have changed since the scan
        if (why != null) {
            refuse(file, why);
            return;
        }
        Path done;
        Path failed;
        try {
            done = folders.filingFolder(resourceDir, ".done");
            failed = folders.filingFolder(resourceDir, ".failed");
        } catch (InboxFolders.UnsafeFolder unsafe) {
            folders.warnOnce(resourceDir, unsafe.getMessage() + "; no file of this folder is taken");
            return;
        }
        String resourceCode = resourceDir.getFileName().toString();
        String owner = resourceDir.getParent().getFileName().toString();
        DatasetFormat format =
                DatasetFormat.ofFileName(file.getFileName().toString()).orElseThrow();
        Resource resource = catalogue.apply(resourceCode).orElse(null);
        ImportReport report;
        if (resource == null) {
            report = rejected(resourceCode, format, resourceCode + " is not in the catalogue");
        } else if (!owner.equals(resource.providerSystem())) {
            report = rejected(
                    resourceCode,
                    format,
                    "the folder of " + owner + " cannot deliver " + resourceCode + ", which "
                            + resource.providerSystem() + " provides");
        } else if (notPublished(resource) != null) {
            report = rejected(resourceCode, format, notPublished(resource));
        } else {
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                report = store.importFile(resource, format, in, false);
            }
        }
        folders.file(file, report.stored() ? done : failed, report);
        if (report.stored()) {
            announce.accept(resource, report);
        }
    }

    private static String notPublished(Resource r) {
        try {
            SharingPolicy.requirePublished(r);
            return null;
        } catch (ExchangeException e) {
            return e.getMessage();
        }
    }

    private static ImportReport rejected(String code, DatasetFormat format, String why) {
        return new ImportReport(code, format, 0, 0, 0, List.of(), false, why, false, null, null, null, 0);
    }
}
