package cn.tongban.seal.interop;

import java.nio.file.Path;

/** Public entry to ofdrw (in its isolated class loader) for tests outside this package, e.g. the benchmark. */
public final class OfdrwInterop {

    private OfdrwInterop() {}

    /** ofdrw's OFDValidator verdict: null when valid, else ofdrw's message. */
    public static String validate(Path ofd) throws Exception {
        return (String) OfdrwLoader.call("validate", ofd);
    }
}
