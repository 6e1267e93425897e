package cn.tongban.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;

import cn.tongban.catalog.ExchangeSystem;
import cn.tongban.catalog.demo.DemoDataset;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.cli.PlatformPki;
import cn.tongban.trust.pki.KeyAlgorithm;

/** Before the demo server starts: make sure there is a PKI with a client certificate for every demo system. */
public final class DemoBootstrap {

    private DemoBootstrap() {}

    public static void ensurePki(PkiLayout layout, PrintStream out) {
        PlatformPki pki = new PlatformPki(layout, Clock.systemUTC(), KeyAlgorithm.EC_P256);
        List<String> systems =
                DemoDataset.load().systems().stream().map(ExchangeSystem::id).toList();
        try {
            if (!pki.exists()) {
                pki.init(List.of("localhost", "127.0.0.1"), systems);
                out.println("Demo: created a platform PKI in " + layout.dir().toAbsolutePath());
            } else {
                for (String id : systems) {
                    if (!java.nio.file.Files.exists(layout.clientCertificate(id))) {
                        pki.issueClient(id);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo PKI in " + layout.dir(), e);
        }
    }
}
