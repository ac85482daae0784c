package dev.synapsebench.benchmarks.jmh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What the benchmark thread allocated between the end of its iteration's setup ({@link #open}) and
 * the start of its teardown ({@link #close}): in the code JMH generates for {@code avgt} and
 * {@code thrpt}, exactly the iteration's calls of the benchmark method (timed and synchronisation
 * calls, JMH's {@code allOps}) and nothing of JMH's own, which allocates its per-iteration objects
 * before the setup and after the teardown. {@link ThreadAllocationProfiler} divides it by the
 * operations.
 *
 * <p>Static, because JMH creates the states and the profiler separately; correct for one benchmark
 * thread per fork (the profiler reports nothing for more). The worker publishes through a volatile
 * field; the profiler reads it after JMH has collected the worker's result.
 */
public final class AllocationBracket {

    /** Marks "no bracket": the thread counter is never negative. */
    private static final long NONE = -1;

    /** HotSpot's thread bean, or null where this JVM's is not one. */
    private static final com.sun.management.ThreadMXBean THREADS = hotspotThreadBean();

    /** Why this JVM cannot count a thread's allocation, or null when it can. */
    private static final String UNSUPPORTED_BECAUSE = whyUnsupported();

    /** The counter when the bracket opened; touched by the benchmark thread only. */
    private static long openedAt = NONE;

    /** The last closed bracket's bytes, until the profiler takes it. */
    private static volatile long closed = NONE;

    private AllocationBracket() {
    }

    /** Call as the last statement of the iteration's setup: nothing after it may allocate. */
    public static void open() {
        openedAt = allocatedSoFar();
    }

    /** Call as the first statement of the iteration's teardown: the counter is read before anything else. */
    public static void close() {
        long now = allocatedSoFar();
        if (openedAt != NONE && now != NONE) {
            closed = now - openedAt;
        }
        openedAt = NONE;
    }

    /** Forgets a bracket no profiler took (e.g. of an iteration that failed). */
    static void discard() {
        closed = NONE;
    }

    /** The bytes of the last closed bracket, or -1 if none was closed since the last call; clears it. */
    static long take() {
        long bytes = closed;
        closed = NONE;
        return bytes;
    }

    /** Why this JVM cannot bracket, or null when it can. */
    static String unsupportedReason() {
        return UNSUPPORTED_BECAUSE;
    }

    private static String whyUnsupported() {
        if (THREADS == null) {
            return "this JVM's ThreadMXBean is not com.sun.management.ThreadMXBean";
        }
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            return "this JVM does not count allocated bytes per thread";
        }
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            return "per-thread allocation counting is disabled in this JVM";
        }
        return null;
    }

    /**
     * One native read of the current thread's counter (exact: it includes the used part of its TLAB);
     * -1 where unsupported, disabled or on a virtual thread. Both ends go through this one call site,
     * so it is linked and resolved by the time a bracket closes.
     */
    private static long allocatedSoFar() {
        return UNSUPPORTED_BECAUSE != null ? NONE : THREADS.getCurrentThreadAllocatedBytes();
    }

    private static com.sun.management.ThreadMXBean hotspotThreadBean() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads instanceof com.sun.management.ThreadMXBean hotspot ? hotspot : null;
    }
}
