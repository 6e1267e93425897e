package cn.tongban.seal.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class loader holding ofdrw, its dependencies and Bouncy Castle 1.70 (jdk15on), as written under
 * target/ofdrw by the build (see seal-service/pom.xml), plus the test classes for {@link OfdrwBridge}. Its
 * parent is the platform loader, so the project's Bouncy Castle 1.83 is invisible inside.
 */
final class OfdrwLoader {

    private static URLClassLoader loader;

    private OfdrwLoader() {}

    static synchronized ClassLoader get() {
        if (loader == null) {
            Path base = Path.of("target", "ofdrw");
            List<URL> urls = new ArrayList<>();
            try {
                urls.add(Path.of("target", "test-classes").toUri().toURL());
                for (String entry :
                        Files.readString(base.resolve("classpath.txt")).trim().split(java.io.File.pathSeparator)) {
                    urls.add(Path.of(entry).toUri().toURL());
                }
                try (Stream<Path> bc = Files.list(base.resolve("bc"))) {
                    for (Path jar : bc.toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "target/ofdrw is made by the build (generate-test-resources); " + "run the tests through Maven",
                        e);
            }
            loader = new URLClassLoader("ofdrw", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        }
        return loader;
    }

    /** Calls a static method of {@link OfdrwBridge} inside the loader, unwrapping its exception. */
    static Object call(String method, Object... args) throws Exception {
        Class<?> bridge = Class.forName(OfdrwBridge.class.getName(), true, get());
        for (Method m : bridge.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                // dom4j finds its DocumentFactory through the context class loader.
                Thread thread = Thread.currentThread();
                ClassLoader previous = thread.getContextClassLoader();
                thread.setContextClassLoader(get());
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause() instanceof Exception ex ? ex : e;
                } finally {
                    thread.setContextClassLoader(previous);
                }
            }
        }
        throw new NoSuchMethodException(method);
    }
}
