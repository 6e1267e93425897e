package cn.tongban.server;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;

import cn.tongban.server.cli.CommandLine;
import cn.tongban.server.cli.PkiLayout;
import cn.tongban.server.demo.DemoBootstrap;

/**
 * Entry point of {@code tongban.jar}: with no command (only {@code --options}) it serves; with a command word
 * it runs that command and exits with its status (sysexits.h codes, 64 for a usage error).
 */
public final class Tongban {

    private Tongban() {}

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("--")) {
            System.exit(CommandLine.standard().run(args, System.in, System.out, System.err));
        }
        serve(args);
    }

    static void serve(String[] args) {
        boolean demo = Arrays.asList(args).contains("--demo");
        SpringApplication app = new SpringApplication(TongbanApplication.class);
        String[] springArgs =
                Arrays.stream(args).filter(a -> !a.equals("--demo")).toArray(String[]::new);
        if (demo) {
            // The demo brings its own PKI so that mutual TLS works on the first run.
            DemoBootstrap.ensurePki(PkiLayout.fromArgs(springArgs), System.out);
            app.setAdditionalProfiles("demo");
        }
        app.run(springArgs);
    }
}
