package cn.tongban.server.web;

import java.util.concurrent.TimeUnit;

import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.threads.TaskThreadFactory;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's request threads taken from a pool that hands each request to the most recently idle thread
 * ({@link LifoHandoffQueue}), sized by the usual {@code server.tomcat.threads.max} and {@code min-spare}. On by
 * default; {@code tongban.web.lifo-request-threads=false} gives Tomcat's own pool back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tongban.web.lifo-request-threads", havingValue = "true", matchIfMissing = true)
public class RequestExecutorConfig {

    /** Idle request threads beyond {@code min-spare} end after this, as in Tomcat's own pool. */
    static final long KEEP_ALIVE_SECONDS = 60;

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor tongbanRequestExecutor(ServerProperties server) {
        var threads = server.getTomcat().getThreads();
        return create(threads.getMinSpare(), threads.getMax(), KEEP_ALIVE_SECONDS, "https-exec-");
    }

    @Bean
    TomcatProtocolHandlerCustomizer<AbstractProtocol<?>> lifoRequestThreads(ThreadPoolExecutor tongbanRequestExecutor) {
        return protocol -> protocol.setExecutor(tongbanRequestExecutor);
    }

    /** A pool of {@code min}–{@code max} daemon threads named {@code prefix}N, idle threads reused last in, first out. */
    static ThreadPoolExecutor create(int min, int max, long keepAliveSeconds, String prefix) {
        return create(min, max, TimeUnit.SECONDS.toMillis(keepAliveSeconds), TimeUnit.MILLISECONDS, prefix);
    }

    static ThreadPoolExecutor create(int min, int max, long keepAlive, TimeUnit unit, String prefix) {
        LifoHandoffQueue queue = new LifoHandoffQueue();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.min(min, max), max, keepAlive, unit,
                queue, new TaskThreadFactory(prefix, true, Thread.NORM_PRIORITY),
                (task, executor) -> {
                    // the pool filled up between the queue declining the task and the executor trying to grow:
                    // queue it (a request is never dropped for that); after shutdown it is refused
                    if (executor.isShutdown()) {
                        throw new java.util.concurrent.RejectedExecutionException("the request executor is shut down");
                    }
                    queue.force(task);
                });
        queue.mayStartThreadWhen(() -> pool.getPoolSize() < pool.getMaximumPoolSize());
        return pool;
    }
}
