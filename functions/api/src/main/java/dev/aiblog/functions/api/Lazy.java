package dev.aiblog.functions.api;

import java.util.function.Supplier;

/**
 * A value made on first use, then kept: the API builds a client only when a route that needs it is first called
 * (a cold start serving the feed never builds SQS or the S3 client).
 */
final class Lazy<T> implements Supplier<T> {
    private final Supplier<? extends T> make;
    private volatile T value;

    private Lazy(Supplier<? extends T> make) {
        this.make = make;
    }

    static <T> Lazy<T> of(Supplier<? extends T> make) {
        return new Lazy<>(make);
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = make.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
