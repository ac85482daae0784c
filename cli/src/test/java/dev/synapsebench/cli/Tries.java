package dev.synapsebench.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The property tests' runner: a property is a generator of inputs from a random source and a
 * check that must hold for every input; {@link #check} runs it a given number of tries.
 *
 * <p>Reproducible: every try's input comes from the run's seed and the try's number. The seed is
 * new each run (so every run explores other inputs) unless {@code -Dsynapse.tries.seed=S} fixes
 * it; a failure names the seed, the try and the input, and says how to run it again. A failing
 * input is made smaller first (greedily, with the property's own shrinker, in bounded steps).
 *
 * <p>Bounded: each try runs on a worker thread and fails the property when it takes longer than
 * {@link #PER_TRY}, naming the input that hung (the stuck daemon thread is left behind; the test
 * JVM ends anyway).
 *
 * <p>Why not jqwik: from 1.10 on its maintainers ask that it not be used by AI coding agents
 * (the user guide's "Anti-AI Usage Clause"), and these tests were written by one.
 */
final class Tries {

    static final String SEED_PROPERTY = "synapse.tries.seed";
    /** Far above any try's time here (milliseconds); only a hang or a runaway reaches it. */
    static final Duration PER_TRY = Duration.ofSeconds(20);
    private static final int SHRINK_STEPS = 300;

    private Tries() {
    }

    /** Runs {@code property} on {@code tries} inputs drawn by {@code generator}, without shrinking. */
    static <T> void check(String name, int tries, Function<SplittableRandom, T> generator, Consumer<T> property) {
        check(name, tries, generator, t -> List.of(), property);
    }

    /**
     * Runs {@code property} on {@code tries} inputs drawn by {@code generator}; on a failure,
     * {@code shrinker} proposes smaller inputs (most promising first) and the smallest that still
     * fails is reported.
     */
    static <T> void check(String name, int tries, Function<SplittableRandom, T> generator,
                          Function<T, List<T>> shrinker, Consumer<T> property) {
        long seed = seed();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tries-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int k = 0; k < tries; k++) {
                T input = generator.apply(new SplittableRandom(mix(seed, k)));
                Throwable failure = run(worker, property, input);
                if (failure instanceof Hung) {
                    worker = null; // stuck: no shrinking on it
                    fail(report(name, seed, k, tries, input, failure));
                }
                if (failure != null) {
                    T smallest = input;
                    Throwable smallestFailure = failure;
                    int steps = 0;
                    boolean shrunk = true;
                    while (shrunk && steps < SHRINK_STEPS) {
                        shrunk = false;
                        for (T candidate : shrinker.apply(smallest)) {
                            if (++steps > SHRINK_STEPS) {
                                break;
                            }
                            Throwable f = run(worker, property, candidate);
                            if (f instanceof Hung) {
                                fail(report(name, seed, k, tries, candidate, f));
                            }
                            if (f != null) {
                                smallest = candidate;
                                smallestFailure = f;
                                shrunk = true;
                                break;
                            }
                        }
                    }
                    AssertionError error = new AssertionError(report(name, seed, k, tries, smallest, smallestFailure),
                            smallestFailure);
                    throw error;
                }
            }
        } finally {
            if (worker != null) {
                worker.shutdownNow();
            }
        }
    }

    private static <T> Throwable run(ExecutorService worker, Consumer<T> property, T input) {
        Future<?> done = worker.submit(() -> property.accept(input));
        try {
            done.get(PER_TRY.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (TimeoutException e) {
            done.cancel(true);
            return new Hung();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static String report(String name, long seed, int k, int tries, Object input, Throwable failure) {
        return name + " failed on try " + (k + 1) + " of " + tries + " (seed " + seed + "; again with -D"
                + SEED_PROPERTY + "=" + seed + "): " + failure.getMessage() + "\n    input: " + describe(input);
    }

    /** Inputs as Java literals would show them: control and non-ASCII characters escaped. */
    static String describe(Object input) {
        String text = input instanceof byte[] b ? "bytes " + escape(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))
                : input instanceof Object[] array ? java.util.Arrays.deepToString(array) : String.valueOf(input);
        if (text.length() > 2000) {
            text = text.substring(0, 2000) + "... (" + text.length() + " characters)";
        }
        return escape(text);
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static long seed() {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            return Long.parseLong(fixed.trim());
        }
        return new SplittableRandom().nextLong();
    }

    /** A try's own seed from the run's (SplitMix64's finalizer over both). */
    private static long mix(long seed, int k) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- shrinkers ----

    /** Smaller strings: without one line, then without halves, quarters, ... of the text, then without one character. */
    static List<String> shrinkString(String s) {
        List<String> out = new ArrayList<>();
        String[] lines = s.split("(?<=\n)", -1);
        if (lines.length > 1) {
            for (int i = 0; i < lines.length; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < lines.length; j++) {
                    if (j != i) {
                        sb.append(lines[j]);
                    }
                }
                out.add(sb.toString());
            }
        }
        for (int size = s.length() / 2; size >= 1; size /= 2) {
            for (int at = 0; at + size <= s.length() && out.size() < 400; at += size) {
                out.add(s.substring(0, at) + s.substring(at + size));
            }
        }
        return out;
    }

    /** Smaller byte arrays, as {@link #shrinkString} cuts text. */
    static List<byte[]> shrinkBytes(byte[] b) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        return shrinkString(s).stream().map(t -> t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).toList();
    }

    /** Smaller argument lists: without two neighbouring arguments (an option and its value), then without one. */
    static List<List<String>> shrinkArgs(List<String> args) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 1; i + 1 < args.size(); i++) {
            List<String> fewer = new ArrayList<>(args);
            fewer.remove(i);
            fewer.remove(i);
            out.add(fewer);
        }
        for (int i = 1; i < args.size(); i++) {
            List<String> fewer = new ArrayList<>(args);
            fewer.remove(i);
            out.add(fewer);
        }
        return out;
    }

    /** A try that did not end within {@link #PER_TRY}. */
    private static final class Hung extends RuntimeException {
        Hung() {
            super("did not end within " + PER_TRY.toSeconds() + " s (a hang or a runaway)");
        }
    }

    // ---- small generators ----

    static <T> T pick(SplittableRandom random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    static <T> T pick(SplittableRandom random, T... options) {
        return options[random.nextInt(options.length)];
    }

    /** True with probability {@code p}. */
    static boolean chance(SplittableRandom random, double p) {
        return random.nextDouble() < p;
    }
}
