package dev.aiblog.local.emulators;

import com.robothy.s3.rest.LocalS3;
import com.robothy.s3.rest.bootstrap.LocalS3Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * robothy's local-s3 (path-style S3 REST API over Netty) bound to loopback.
 *
 * <p>{@code LocalS3.start()} binds every interface ({@code ServerBootstrap.bind(port)}) and
 * installs a JVM shutdown hook per instance, so this class builds the same Netty pipeline itself
 * and binds 127.0.0.1. local-s3 declares Netty and its router in runtime scope, which keeps them
 * off the compile classpath; they are reached reflectively. The {@code LocalS3} object still
 * builds the storage (in memory, or files under the data folder, metadata written on every
 * change). Its connections read into unpooled heap buffers: local-s3 never releases a request's body.
 */
final class LocalS3Server implements AutoCloseable {

    private final List<Object> eventGroups;
    private final Object channel;
    private final URI endpoint;

    private LocalS3Server(List<Object> eventGroups, Object channel, URI endpoint) {
        this.eventGroups = eventGroups;
        this.channel = channel;
        this.endpoint = endpoint;
    }

    /**
     * @param port 0 for a port the OS picks
     * @param dataDir where buckets and objects are kept, empty for in-memory
     */
    static LocalS3Server start(int port, Optional<Path> dataDir) {
        List<Object> groups = new ArrayList<>();
        try {
            LocalS3.Builder builder = LocalS3.builder().port(port);
            if (dataDir.isPresent()) {
                Files.createDirectories(dataDir.get());
                builder.mode(LocalS3Mode.PERSISTENCE)
                        .dataPath(dataDir.get().toAbsolutePath().toString());
            } else {
                builder.mode(LocalS3Mode.IN_MEMORY);
            }
            LocalS3 localS3 = builder.build();
            Method createServiceFactory = LocalS3.class.getDeclaredMethod("createServiceFactory");
            createServiceFactory.setAccessible(true);
            Object serviceFactory = createServiceFactory.invoke(localS3);
            Object router = Class.forName("com.robothy.s3.rest.handler.LocalS3RouterFactory")
                    .getMethod("create", type("com.robothy.s3.rest.service.ServiceFactory"))
                    .invoke(null, serviceFactory);

            Object parent = newInstance("io.netty.channel.nio.NioEventLoopGroup", 1, threads("local-s3-accept"));
            groups.add(parent);
            Object child = newInstance("io.netty.channel.nio.NioEventLoopGroup", 2, threads("local-s3-io"));
            groups.add(child);
            Object executor = newInstance("io.netty.channel.DefaultEventLoopGroup", 4, threads("local-s3-exec"));
            groups.add(executor);
            Object initializer = type("com.robothy.netty.initializer.HttpServerInitializer")
                    .getConstructor(
                            type("io.netty.util.concurrent.EventExecutorGroup"),
                            type("com.robothy.netty.router.Router"))
                    .newInstance(executor, router);

            Class<?> bootstrapType = type("io.netty.bootstrap.ServerBootstrap");
            Class<?> eventLoopGroup = type("io.netty.channel.EventLoopGroup");
            Object bootstrap = bootstrapType.getConstructor().newInstance();
            bootstrapType.getMethod("group", eventLoopGroup, eventLoopGroup).invoke(bootstrap, parent, child);
            bootstrapType
                    .getMethod("channel", Class.class)
                    .invoke(bootstrap, type("io.netty.channel.socket.nio.NioServerSocketChannel"));
            bootstrapType
                    .getMethod("childHandler", type("io.netty.channel.ChannelHandler"))
                    .invoke(bootstrap, initializer);
            // local-s3's request decoder retains each body it reads into a request that is not reference counted,
            // so nothing releases it: from Netty's default (pooled, direct) allocator every upload would stay in
            // direct memory for good. Unpooled heap buffers are taken back by the collector once a request is done.
            Class<?> channelOption = type("io.netty.channel.ChannelOption");
            Class<?> allocatorType = type("io.netty.buffer.ByteBufAllocator");
            Object heap = type("io.netty.buffer.UnpooledByteBufAllocator")
                    .getConstructor(boolean.class)
                    .newInstance(false);
            Object preferHeap = type("io.netty.channel.PreferHeapByteBufAllocator")
                    .getConstructor(allocatorType)
                    .newInstance(heap);
            bootstrapType
                    .getMethod("childOption", channelOption, Object.class)
                    .invoke(bootstrap, channelOption.getField("ALLOCATOR").get(null), preferHeap);
            Object bindFuture = bootstrapType
                    .getMethod("bind", String.class, int.class)
                    .invoke(bootstrap, Emulators.LOOPBACK, port);
            Class<?> channelFuture = type("io.netty.channel.ChannelFuture");
            channelFuture.getMethod("sync").invoke(bindFuture);
            Object channel = channelFuture.getMethod("channel").invoke(bindFuture);
            InetSocketAddress bound = (InetSocketAddress)
                    type("io.netty.channel.Channel").getMethod("localAddress").invoke(channel);
            return new LocalS3Server(
                    groups, channel, URI.create("http://" + Emulators.LOOPBACK + ":" + bound.getPort()));
        } catch (IOException e) {
            shutdown(groups);
            throw new UncheckedIOException("cannot create the local-s3 data folder " + dataDir.orElse(null), e);
        } catch (InvocationTargetException e) {
            shutdown(groups);
            throw new EmulatorStartException(
                    "local-s3 did not start on " + Emulators.LOOPBACK + ":" + port, e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            shutdown(groups);
            throw new EmulatorStartException(
                    "local-s3 did not start on " + Emulators.LOOPBACK + ":" + port
                            + " (this class reaches local-s3 2.4's Netty wiring reflectively; check it after an upgrade)",
                    e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            Object closeFuture =
                    type("io.netty.channel.Channel").getMethod("close").invoke(channel);
            type("io.netty.channel.ChannelFuture").getMethod("sync").invoke(closeFuture);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("local-s3 did not stop cleanly", e);
        } finally {
            shutdown(eventGroups);
        }
    }

    private static void shutdown(List<Object> groups) {
        // In order (acceptor, I/O, executor), each finished before the next. Closing the I/O loop
        // closes open keep-alive connections, and their pipelines hop between the I/O loop and the
        // executor while they are torn down: the executor stays up, and the I/O loop keeps taking
        // tasks until it has had none for a quiet period.
        try {
            Class<?> group = type("io.netty.util.concurrent.EventExecutorGroup");
            Class<?> future = type("io.netty.util.concurrent.Future");
            for (Object eventGroup : groups) {
                Object termination = group.getMethod("shutdownGracefully", long.class, long.class, TimeUnit.class)
                        .invoke(eventGroup, 200L, 3_000L, TimeUnit.MILLISECONDS);
                future.getMethod("await", long.class, TimeUnit.class).invoke(termination, 5L, TimeUnit.SECONDS);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("local-s3's Netty event loops did not shut down", e);
        }
    }

    private static Object newInstance(String className, int threads, ThreadFactory factory)
            throws ReflectiveOperationException {
        return type(className).getConstructor(int.class, ThreadFactory.class).newInstance(threads, factory);
    }

    private static Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, true, LocalS3Server.class.getClassLoader());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
