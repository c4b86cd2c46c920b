package com.kidmodstudio.crafty.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The threads of this JVM by name, virtual ones included (which {@link Thread#getAllStackTraces()}
 * leaves out): read from the JVM's thread containers ({@code jdk.internal.vm}, exported to the
 * tests by the surefire configuration), the same source the JVM's thread dump lists. Not the dump
 * itself: it takes a snapshot of every thread's stack, and JDK 25.0.3 crashed doing that for a
 * virtual thread that was unmounting at that moment (SIGSEGV in
 * {@code Continuation::is_continuation_entry_frame}, seen once in this suite). Names need no
 * snapshot.
 */
public final class LiveThreads {
    private LiveThreads() {
    }

    /**
     * Waits until no thread whose quoted name ({@code "crafty-1-turn"}, quotes included, so that
     * a part can anchor on either end) contains one of the given parts is alive; threads end a
     * moment after a turn's final message went out.
     *
     * @param timeout how long to wait
     * @param parts   name parts, e.g. {@code -turn"}, {@code tts-sentences}
     * @return the quoted names of the matching threads still alive at the deadline; empty when none
     */
    public static List<String> awaitNone(Duration timeout, String... parts) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> alive = matching(parts);
        while (!alive.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            alive = matching(parts);
        }
        return alive;
    }

    private static List<String> matching(String... parts) {
        List<String> names = new ArrayList<>();
        try {
            Class<?> containers = Class.forName("jdk.internal.vm.ThreadContainers");
            Class<?> container = Class.forName("jdk.internal.vm.ThreadContainer");
            collect(containers.getMethod("root").invoke(null), container.getMethod("threads"),
                    container.getMethod("children"), names);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot list the threads (is java.base/jdk.internal.vm exported to the "
                                            + "tests? see voice-server/pom.xml)", e);
        }
        return names.stream().filter(name -> Stream.of(parts).anyMatch(name::contains)).toList();
    }

    private static void collect(Object container, Method threads, Method children, List<String> names)
            throws IllegalAccessException, InvocationTargetException {
        try (Stream<?> own = (Stream<?>) threads.invoke(container)) {
            own.forEach(thread -> names.add("\"" + ((Thread) thread).getName() + "\""));
        }
        List<?> nested;
        try (Stream<?> inner = (Stream<?>) children.invoke(container)) {
            nested = inner.toList();
        }
        for (Object child : nested) {
            collect(child, threads, children, names);
        }
    }
}
